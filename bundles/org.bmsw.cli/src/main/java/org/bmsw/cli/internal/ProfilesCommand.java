package org.bmsw.cli.internal;

import java.util.Comparator;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.TextTable;
import org.bmsw.device.api.DeviceProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "Lists the device profiles present (built in, plugin bundles, data-only profiles).")
final class ProfilesCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    OutputOptions output;

    ProfilesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Locale locale = context.locale(output);
        var profiles = context.profiles().profiles().stream().sorted(Comparator.comparing(DeviceProfile::id)).toList();
        if (output.json) {
            var array = Json.array();
            for (DeviceProfile p : profiles) {
                var node = array.addObject();
                node.put("id", p.id());
                node.put("name", p.displayName().text(locale));
                new TreeSet<>(p.models()).forEach(node.putArray("models")::add);
                p.linkKinds().forEach(k -> node.withArray("links").add(k.name()));
                node.put("defaultBaud", p.defaultBaud());
            }
            context.out().println(Json.pretty(array));
        } else {
            TextTable table = new TextTable("ID", "NAME", "MODELS", "LINKS");
            for (DeviceProfile p : profiles) {
                table.row(p.id(), p.displayName().text(locale), String.join(", ", new TreeSet<>(p.models())),
                        p.linkKinds().toString());
            }
            context.out().print(table);
        }
        return CliCommand.OK;
    }
}
