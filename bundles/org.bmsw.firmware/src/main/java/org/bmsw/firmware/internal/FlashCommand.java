package org.bmsw.firmware.internal;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.firmware.FirmwareValidator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine;

/**
 * {@code bmsw flash FILE ...} (validate, then flash a device), {@code bmsw flash inspect FILE},
 * {@code bmsw flash pack ...} and {@code bmsw flash keygen ...}, contributed to the command line.
 */
@Component(service = CliCommand.class)
public class FlashCommand implements CliCommand {

    private final FirmwareValidator validator;
    private final LiveTelemetry live;

    @Activate
    public FlashCommand(@Reference FirmwareValidator validator, @Reference LiveTelemetry live) {
        this.validator = validator;
        this.live = live;
    }

    @Override
    public String name() {
        return "flash";
    }

    @Override
    public Object create(CliContext context) {
        CommandLine flash = new CommandLine(new FlashDeviceCommand(context, validator, live));
        flash.addSubcommand(new InspectCommand(context, validator));
        flash.addSubcommand(new PackCommand(context));
        flash.addSubcommand(new KeygenCommand(context));
        return flash;
    }
}
