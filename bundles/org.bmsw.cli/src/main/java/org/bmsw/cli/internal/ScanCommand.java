package org.bmsw.cli.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.TextTable;
import org.bmsw.core.ScanProgress;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Finds the devices on a bus: probes every address with every profile that fits the link. Reads only.")
final class ScanCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--from", description = "First address (default 1).")
    int first = 1;

    @Option(names = "--to", description = "Last address (default 247).")
    int last = 247;

    @Option(names = "--per-address", paramLabel = "MS", description = "Probe timeout per address and profile (default 100 ms).")
    long perAddressMillis = 100;

    ScanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws DeviceException {
        List<DeviceIdentity> found = context.connections().scan(connection.linkSettings(), first, last,
                Duration.ofMillis(perAddressMillis), new ScanProgress() {
                    @Override
                    public void probed(int address, int done, int total, Optional<DeviceIdentity> device) {
                        device.ifPresent(d -> context.err().printf("found %s at address %d%n", d.profileId(), address));
                        if (done % 16 == 0 || done == total) {
                            context.err().printf("scanned %d of %d addresses%n", done, total);
                        }
                    }
                });
        if (output.json) {
            var array = Json.array();
            for (DeviceIdentity d : found) {
                array.addObject().put("address", d.address()).put("profile", d.profileId()).put("model", d.model())
                        .put("firmware", d.firmwareVersion()).put("serialNumber", d.serialNumber())
                        .put("bootloader", d.inBootloader());
            }
            context.out().println(Json.pretty(array));
        } else {
            TextTable table = new TextTable("ADDRESS", "PROFILE", "MODEL", "FIRMWARE");
            found.forEach(d -> table.row(d.address(), d.profileId(), d.model(), d.firmwareVersion()
                    + (d.inBootloader() ? " (bootloader)" : "")));
            context.out().print(table);
            context.out().println(found.size() + " device(s) found");
        }
        return CliCommand.OK;
    }
}
