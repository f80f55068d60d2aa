package org.bmsw.firmware.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FirmwareValidator;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.TrustedKeys;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bmsw flash inspect FILE}: what a firmware file holds, checked without a device. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = {
        "Shows what a firmware file holds: format, segments, hashes, and for an FP",
        "package its manifest and whether its signature verifies against the trusted",
        "keys. Talks to no device. Exit codes: 0 readable (and, when signed, signed",
        "by a trusted key), 3 malformed or not signed by a trusted key, 2 usage."})
final class InspectCommand implements Callable<Integer> {

    private final CliContext context;
    private final FirmwareValidator validator;

    @Parameters(index = "0", paramLabel = "FILE", description = "S-record, Intel HEX, binary (with --base-address) or FP package.")
    Path file;

    @Option(names = "--base-address", paramLabel = "ADDR", description = "Where a raw binary goes, e.g. 0x08004000.")
    String baseAddress;

    @Option(names = "--trusted-key", paramLabel = "PEM", description = "Also trust this Ed25519 public key (repeatable).")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(names = "--json", description = "Machine-readable JSON output.")
    boolean json;

    InspectCommand(CliContext context, FirmwareValidator validator) {
        this.context = context;
        this.validator = validator;
    }

    @Override
    public Integer call() throws Exception {
        OptionalLong base = baseAddress == null ? OptionalLong.empty()
                : OptionalLong.of(FirmwareSummary.address(baseAddress, "--base-address"));
        Firmware firmware = FirmwareSummary.read(file, base);
        Optional<String> signature = firmware instanceof FpPackage fp ? Optional.of(signatureStatus(fp)) : Optional.empty();
        boolean trusted = signature.map(s -> !s.startsWith("NOT VERIFIED")).orElse(true);
        if (json) {
            ObjectNode node = JsonOutput.firmware(firmware);
            signature.ifPresent(s -> node.put("signature", s));
            node.put("trusted", trusted);
            context.out().println(JsonOutput.pretty(node));
        } else {
            context.out().print(FirmwareSummary.describe(firmware));
            if (firmware instanceof FpPackage) {
                context.out().println("integrity:  payload CRC-32 and SHA-256 match the manifest");
            }
            signature.ifPresent(s -> context.out().println("signature:  " + s));
        }
        return trusted ? CliCommand.OK : CliCommand.REFUSED;
    }

    /** "by trusted key vendor.pem (1a2b...)", "none (unsigned)", or "NOT VERIFIED: ..." */
    private String signatureStatus(FpPackage fp) {
        if (fp.manifest().signature().isEmpty()) {
            return "none (unsigned): devices that require signed images refuse it";
        }
        TrustedKeys keys = validator.trustedKeys().plus(FirmwareSummary.keys(trustedKeys));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(fp.manifest().signature().get());
        } catch (IllegalArgumentException e) {
            return "NOT VERIFIED: the signature is not Base64 (the package is damaged)";
        }
        Optional<TrustedKeys.TrustedKey> signer = bytes.length == 64 ? keys.signer(fp.canonicalManifest(), bytes)
                : Optional.empty();
        if (signer.isPresent()) {
            return "by trusted key " + signer.get().file() + " (" + signer.get().fingerprint() + ")";
        }
        return "NOT VERIFIED: " + (keys.keys().isEmpty() ? "no trusted keys (" + keys.directory()
                + " has no usable *.pem; add one there or name it with --trusted-key)"
                : "none of the " + keys.keys().size() + " trusted keys made it: changed after signing, or another signer");
    }
}
