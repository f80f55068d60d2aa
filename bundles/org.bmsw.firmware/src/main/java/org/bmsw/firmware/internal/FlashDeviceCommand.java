package org.bmsw.firmware.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.cli.ConnectionOptions;
import org.bmsw.cli.OutputOptions;
import org.bmsw.cli.Refusal;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.firmware.Check;
import org.bmsw.firmware.Finding;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FirmwareFlasher;
import org.bmsw.firmware.FirmwareValidator;
import org.bmsw.firmware.FlashException;
import org.bmsw.firmware.FlashHooks;
import org.bmsw.firmware.FlashOptions;
import org.bmsw.firmware.FlashReport;
import org.bmsw.firmware.FlashRequest;
import org.bmsw.firmware.ParameterBackup;
import org.bmsw.firmware.ValidationSummary;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.schema.ParameterSchema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bmsw flash FILE}: reads the image, finds the device (its running application through the profile, or its
 * waiting bootloader), validates the image against it before anything is erased, and only with {@code --yes}
 * flashes: parameter backup, bootloader, erase, program, verify, commit, reset, restore.
 */
@Command(name = "flash", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "[inspect | pack | keygen]",
        description = {
                "Validates a firmware image against the connected device and, with --yes,",
                "flashes it through the device's OpenBLT-compatible bootloader (XCP in Modbus",
                "function 109 on RS485, XCP on CAN). Nothing is erased before the image",
                "passed validation: model, hardware revision, flash map, hashes, signature",
                "(when the device requires one) and version (a downgrade needs",
                "--allow-downgrade). An interruption at any step leaves the device in its",
                "bootloader with a recoverable image: run the same command again. Ctrl-C",
                "cancels safely after the block under way. --timeout also scales XCP's",
                "timeouts (OpenBLT's T1..T7 at the default 1000 ms).",
                "Examples:",
                "  bmsw flash app-35-8-0.fp --port /dev/ttyUSB0 --baud 115200 --dry-run",
                "  bmsw flash app-35-8-0.fp --port /dev/ttyUSB0 --baud 115200 --yes",
                "  bmsw flash app.s19 --port /dev/ttyUSB0 --bootloader --profile smartbms.v4 \\",
                "      --allow-bare-image --yes",
                "  bmsw flash app.fp --can slcan:/dev/ttyACM0@250000 --profile jdi.bi51 \\",
                "      --model BI5132 --yes"},
        footer = {"", "Exit codes: 0 flashed and verified (or --dry-run passed), 1 device or link",
                "error, 2 usage, 3 refused by validation (wrong model, corrupted, unsigned when",
                "required, downgrade without --allow-downgrade, missing --yes): nothing erased."})
final class FlashDeviceCommand implements Callable<Integer> {

    private final CliContext context;
    private final FirmwareValidator validator;
    private final LiveTelemetry live;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "S-record, Intel HEX, binary (with --base-address) or FP package.")
    Path file;

    @Option(names = "--yes", description = "Really flash (without it the validation is shown and nothing is sent).")
    boolean yes;

    @Option(names = "--dry-run", description = "Validate against the device only; nothing is erased or written.")
    boolean dryRun;

    @Option(names = "--allow-downgrade", description = "Confirm flashing a version older than the device runs.")
    boolean allowDowngrade;

    @Option(names = "--allow-bare-image", description = "Confirm that a bare image (S-record, HEX, binary), which names no model, is for this device.")
    boolean allowBareImage;

    @Option(names = "--allow-untrusted", description = "Flash a package whose signature no trusted key verifies, on a device that does not require signatures.")
    boolean allowUntrusted;

    @Option(names = "--trusted-key", paramLabel = "PEM", description = "Also trust this Ed25519 public key (repeatable).")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(names = "--backup-parameters", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Back up the parameters before and restore them after the flash (default on).")
    boolean backupParameters;

    @Option(names = "--bootloader", description = "The device waits in its bootloader: talk XCP at once (found by itself when the profile probe fails).")
    boolean bootloader;

    @Option(names = "--model", description = "The model of a device waiting in its bootloader, when its profile covers several.")
    String model;

    @Option(names = "--base-address", paramLabel = "ADDR", description = "Where a raw binary goes, e.g. 0x08004000.")
    String baseAddress;

    @Option(names = "--xcp-ids", paramLabel = "REQ:RESP", description = "XCP-on-CAN identifiers (default OpenBLT's 0x667:0x7E1).")
    String xcpIds;

    FlashDeviceCommand(CliContext context, FirmwareValidator validator, LiveTelemetry live) {
        this.context = context;
        this.validator = validator;
        this.live = live;
    }

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say which firmware file to flash (or: flash inspect | pack | keygen)");
        }
        if (yes && dryRun) {
            throw new IllegalArgumentException("--yes and --dry-run contradict each other");
        }
        OptionalLong base = baseAddress == null ? OptionalLong.empty()
                : OptionalLong.of(FirmwareSummary.address(baseAddress, "--base-address"));
        Firmware firmware = FirmwareSummary.read(file, base);
        var extraKeys = FirmwareSummary.keys(trustedKeys);
        XcpCanIds ids = canIds();
        PrintStream out = context.out();
        try (FlashTarget target = FlashTarget.open(context, connection, bootloader, Optional.ofNullable(model), ids,
                context.err())) {
            ValidationSummary summary = validator.validate(firmware, target.device, extraKeys);
            if (output.json) {
                out.println(JsonOutput.line(JsonOutput.validation(summary, target.inBootloader())));
            } else {
                out.print(FirmwareSummary.describe(firmware));
                out.println("device:     " + target.where + (target.inBootloader() ? " (waiting in its bootloader)"
                        : " (application running)"));
                out.print(checks(summary));
            }
            Set<Check> confirmed = confirmations();
            if (summary.refused()) {
                throw new Refusal(summary.refusals().size() + " check(s) failed: " + join(summary.refusals())
                        + "; nothing was erased");
            }
            List<Finding> unconfirmed = summary.obstacles(confirmed);
            if (!unconfirmed.isEmpty()) {
                throw new Refusal("needs confirmation: " + join(unconfirmed) + " (" + flagsFor(unconfirmed)
                        + "); nothing was erased");
            }
            if (dryRun) {
                context.err().println("dry run: the image passed validation against " + target.where
                        + "; nothing was erased or written");
                return CliCommand.OK;
            }
            if (!yes) {
                throw new Refusal("the image passed validation; add --yes to flash it (the device's application is"
                        + " replaced; --dry-run only validates). Nothing was sent");
            }
            return flash(target, summary, confirmed);
        }
    }

    private int flash(FlashTarget target, ValidationSummary summary, Set<Check> confirmed) throws Exception {
        PrintStream progress = output.json ? context.out() : context.err();
        ParameterBackup backup = parameterBackup(target, progress).orElse(null);
        FlashRequest request = FlashRequest.of(summary, confirmed, target.application)
                .withHooks(backup == null ? FlashHooks.NONE : backup)
                .withListener(new ProgressPrinter(progress, output.json))
                .withOptions(FlashOptions.defaults());
        FirmwareFlasher flasher = FirmwareFlasher.on(target.master);
        Object outcome;
        // the device leaves its application for the bootloader: telemetry polls would only queue for the line
        try (AutoCloseable quiet = target.session.map(live::pause).orElse(() -> { })) {
            outcome = runCancellable(flasher, request);
        }
        if (outcome instanceof FlashException e) {
            report(e);
            return e.reason() == FlashException.Reason.REFUSED ? CliCommand.REFUSED : CliCommand.FAILED;
        }
        FlashReport report = (FlashReport) outcome;
        String version = newVersion(target);
        if (output.json) {
            ObjectNode done = JsonOutput.object().put("event", "done").put("result", "flashed")
                    .put("file", report.source()).put("bytes", report.bytes())
                    .put("seconds", report.elapsed().toMillis() / 1000.0)
                    .put("programmingBytesPerSecond", Math.round(report.programmingRate()))
                    .put("verification", report.verification()).put("sessions", report.sessions())
                    .put("enteredBootloader", report.enteredBootloader()).put("deviceFirmwareVersion", version);
            done.put("parameterBackup", backup == null ? null : backup.file().map(Path::toString).orElse(null));
            done.put("restoreProblem", report.restoreProblem().orElse(null));
            context.out().println(JsonOutput.line(done));
        } else {
            context.out().printf(Locale.ROOT, "flashed %s: %d bytes in %.1f s (%.1f kB/s while programming), verified by %s"
                            + "%s%n", report.source(), report.bytes(), report.elapsed().toMillis() / 1000.0,
                    report.programmingRate() / 1000, report.verification(),
                    report.sessions() > 1 ? ", " + report.sessions() + " sessions" : "");
            if (!version.isEmpty()) {
                context.out().println("the device now runs firmware " + version);
            }
            if (backup != null) {
                backup.file().ifPresent(f -> context.out().println("parameter backup: " + f));
            }
            report.restoreProblem().ifPresent(p -> context.err().println("WARNING: the firmware is flashed, but the"
                    + " parameter restore failed: " + p));
        }
        return CliCommand.OK;
    }

    /**
     * Runs the flash on a thread of its own, so that Ctrl-C (the program stopping interrupts this thread, or the
     * JVM's shutdown) cancels it between blocks instead of cutting a packet in half.
     */
    private Object runCancellable(FirmwareFlasher flasher, FlashRequest request) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(flasher.flash(request));
            } catch (FlashException e) {
                outcome.set(e);
            }
        }, "bmsw-flash");
        Thread cancelOnExit = new Thread(() -> cancelAndWait(flasher, worker), "bmsw-flash cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        boolean interrupted = false;
        try {
            worker.start();
            worker.join();
        } catch (InterruptedException e) {
            interrupted = true;
            context.err().println("cancelling: the flash stops after the block under way");
            cancelAndWait(flasher, worker);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running or ran
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome.get() == null) {
            throw new InterruptedException("the flash did not stop within 30 s of being cancelled");
        }
        return outcome.get();
    }

    private static void cancelAndWait(FirmwareFlasher flasher, Thread worker) {
        flasher.cancel();
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<ParameterBackup> parameterBackup(FlashTarget target, PrintStream log) {
        if (!backupParameters || target.session.isEmpty()) {
            return Optional.empty();
        }
        DeviceSession session = target.session.get();
        Optional<ParameterSchema> schema = session.capability(ParameterSchema.class);
        if (schema.isEmpty()) {
            log.println("note: profile " + session.identity().profileId() + " has no parameter schema: no parameter backup");
            return Optional.empty();
        }
        return Optional.of(new ParameterBackup(session, schema.get(), context.dataDir().resolve("backups"),
                message -> {
                    if (!output.json) {
                        log.println(message);
                    }
                }));
    }

    /** What the device reports after the flash: a fresh connection reads its identity again. */
    private String newVersion(FlashTarget target) {
        if (target.inBootloader()) {
            return "";
        }
        try (DeviceSession fresh = context.connect(connection)) {
            return fresh.identity().firmwareVersion();
        } catch (DeviceException e) {
            context.err().println("note: could not read the new firmware version: " + e.getMessage());
            return "";
        }
    }

    private void report(FlashException e) {
        if (output.json) {
            context.out().println(JsonOutput.line(JsonOutput.object().put("event", "done").put("result", "failed")
                    .put("reason", e.reason().name()).put("phase", e.phase().name()).put("problem", e.problem())
                    .put("eraseStarted", e.eraseStarted()).put("deviceState", e.deviceState())));
        }
        context.err().println("flash: " + (e.reason() == FlashException.Reason.CANCELLED ? "cancelled" : "failed")
                + " in " + e.phase() + ": " + e.problem());
        context.err().println(e.deviceState());
    }

    private Set<Check> confirmations() {
        Set<Check> confirmed = EnumSet.noneOf(Check.class);
        if (allowDowngrade) {
            confirmed.add(Check.DOWNGRADE);
        }
        if (allowBareImage) {
            confirmed.add(Check.IDENTITY);
        }
        if (allowUntrusted) {
            confirmed.add(Check.SIGNATURE);
        }
        return confirmed;
    }

    private static String flagsFor(List<Finding> findings) {
        List<String> flags = new ArrayList<>();
        for (Finding f : findings) {
            String flag = switch (f.check()) {
                case DOWNGRADE -> "--allow-downgrade";
                case IDENTITY -> "--allow-bare-image";
                case SIGNATURE -> "--allow-untrusted";
                default -> null;
            };
            if (flag != null && !flags.contains(flag)) {
                flags.add(flag);
            }
        }
        return "confirm with " + String.join(" ", flags);
    }

    private static String checks(ValidationSummary summary) {
        StringBuilder out = new StringBuilder();
        summary.passed().forEach(p -> out.append("  ok       ").append(p).append('\n'));
        summary.confirmationsNeeded().forEach(f -> out.append("  CONFIRM  ").append(f).append('\n'));
        summary.refusals().forEach(f -> out.append("  REFUSED  ").append(f).append('\n'));
        return out.toString();
    }

    private static String join(List<Finding> findings) {
        return String.join("; ", findings.stream().map(Finding::toString).toList());
    }

    private XcpCanIds canIds() {
        if (xcpIds == null) {
            return XcpCanIds.OPENBLT;
        }
        String[] parts = xcpIds.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--xcp-ids must be REQUEST:RESPONSE, e.g. 0x667:0x7E1, not '" + xcpIds + "'");
        }
        long request = FirmwareSummary.address(parts[0], "--xcp-ids");
        long response = FirmwareSummary.address(parts[1], "--xcp-ids");
        boolean extended = request > 0x7FF || response > 0x7FF;
        return new XcpCanIds((int) request, (int) response, extended, false);
    }
}
