package org.bmsw.firmware.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FpKeys;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.FpPackageBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bmsw flash pack}: an FP package from an image, for a model and hardware revision, optionally signed. */
@Command(name = "pack", mixinStandardHelpOptions = true, description = {
        "Makes an FP package: the image (S-record, Intel HEX, or binary with",
        "--base-address) and a manifest naming the model, hardware revision and",
        "version it is for, its CRC-32 and SHA-256, and optionally an Ed25519",
        "signature.",
        "Example:",
        "  bmsw flash pack app.s19 --model SMARTBMS-V4 --hardware-revision V4.0 \\",
        "      --firmware-version 35-8-0 --sign vendor.pem -o app-35-8-0.fp"})
final class PackCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to package.")
    Path image;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "The package to write (not overwritten).")
    Path out;

    @Option(names = "--model", required = true, description = "Model the firmware is for, as the device reports it.")
    String model;

    @Option(names = "--hardware-revision", required = true, paramLabel = "REV", description = "Hardware revision it is for; * for any.")
    String hardwareRevision;

    @Option(names = "--firmware-version", required = true, paramLabel = "VERSION", description = "The firmware's version, e.g. 35-8-0 or 1.4.0.")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", description = "Release notes.")
    String description = "";

    @Option(names = "--sign", paramLabel = "PRIVATE.pem", description = "Sign with this Ed25519 private key.")
    Path signingKey;

    @Option(names = "--base-address", paramLabel = "ADDR", description = "Where a raw binary goes, e.g. 0x08004000.")
    String baseAddress;

    PackCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " exists; choose another name (packages are never overwritten)");
        }
        OptionalLong base = baseAddress == null ? OptionalLong.empty()
                : OptionalLong.of(FirmwareSummary.address(baseAddress, "--base-address"));
        Firmware firmware = FirmwareSummary.read(image, base);
        if (firmware instanceof FpPackage) {
            throw new IllegalArgumentException(image + " is already an FP package");
        }
        FpPackageBuilder builder = new FpPackageBuilder().model(model).hardwareRevision(hardwareRevision)
                .firmwareVersion(version).description(description).image(firmware.image());
        if (signingKey != null) {
            PrivateKey key;
            try {
                key = FpKeys.readPrivateKey(signingKey);
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("--sign: " + e.getMessage());
            }
            builder.signWith(key);
        }
        FpPackage fp = builder.build(out.getFileName().toString());
        Files.write(out, fp.toBytes(), StandardOpenOption.CREATE_NEW);
        context.out().print(FirmwareSummary.describe(fp));
        context.err().println("wrote " + out + (fp.manifest().signed() ? " (signed)" : " (unsigned)"));
        return CliCommand.OK;
    }
}
