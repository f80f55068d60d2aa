package org.bmsw.cli.internal;

import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.TextTable;
import org.bmsw.core.TransportRegistry.PortListing;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "Lists the ports every transport sees (serial adapters with their USB ids, the built-in simulator ...).")
final class PortsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    OutputOptions output;

    PortsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PortListing listing = context.transports().listPorts();
        if (output.json) {
            var root = Json.object();
            var ports = root.putArray("ports");
            for (PortInfo p : listing.ports()) {
                var port = ports.addObject();
                port.put("transport", p.transport());
                port.put("path", p.path());
                port.put("description", p.description());
                p.usbId().ifPresent(id -> port.put("usb", id));
                port.put("serialNumber", p.serialNumber());
            }
            var transports = root.putArray("transports");
            for (TransportProvider t : context.transports().providers()) {
                transports.addObject().put("id", t.id()).put("name", t.displayName());
            }
            listing.problems().forEach(root.putArray("problems")::add);
            context.out().println(Json.pretty(root));
        } else {
            TextTable table = new TextTable("PORT", "DESCRIPTION", "USB");
            for (PortInfo p : listing.ports()) {
                table.row(p.transport() + ":" + p.path(), p.description(), p.usbId().orElse(""));
            }
            context.out().print(table);
            if (listing.ports().isEmpty()) {
                context.out().println("No ports found. Typed paths work too: --port /dev/ttyUSB0, --tcp host:port.");
            }
            listing.problems().forEach(problem -> context.err().println("warning: " + problem));
        }
        return CliCommand.OK;
    }
}
