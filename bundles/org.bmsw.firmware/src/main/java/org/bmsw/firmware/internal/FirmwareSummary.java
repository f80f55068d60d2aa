package org.bmsw.firmware.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.bmsw.cli.Refusal;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FirmwareImages;
import org.bmsw.firmware.FpManifest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.ImageFormatException;
import org.bmsw.firmware.Segment;
import org.bmsw.firmware.TrustedKeys;

/** What the flash commands share: reading a firmware file with clear errors, and describing it. */
final class FirmwareSummary {

    private FirmwareSummary() {
    }

    /**
     * Reads {@code file}; a missing file is a usage error, a malformed one a refusal naming the line or offset.
     *
     * @param baseAddress where a raw binary goes
     */
    static Firmware read(Path file, OptionalLong baseAddress) throws Refusal, IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such firmware file: " + file);
        }
        try {
            return FirmwareImages.read(file, Optional.empty(), baseAddress);
        } catch (ImageFormatException e) {
            throw new Refusal(e.getMessage() + "; nothing was sent to the device");
        }
    }

    /** The public keys named with --trusted-key; an unreadable one is a usage error. */
    static List<TrustedKeys.TrustedKey> keys(List<Path> files) {
        List<TrustedKeys.TrustedKey> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                keys.add(TrustedKeys.TrustedKey.read(file));
            } catch (IOException | InvalidKeyException e) {
                throw new IllegalArgumentException("--trusted-key " + file + ": " + e.getMessage());
            }
        }
        return keys;
    }

    /** "0x08004000" or a number, as addresses are given on the command line. */
    static long address(String text, String option) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        try {
            long value = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a 32-bit address (e.g. 0x08004000)");
        }
    }

    /** SHA-256 of the image's data bytes, segment after segment (of a binary: the file's own SHA-256). */
    static String imageSha256(FirmwareImage image) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Segment segment : image.segments()) {
                digest.update(segment.data());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Several lines: format, what a package says about itself, segments and hashes. */
    static String describe(Firmware firmware) {
        FirmwareImage image = firmware.image();
        StringBuilder out = new StringBuilder();
        if (firmware instanceof FpPackage fp) {
            FpManifest m = fp.manifest();
            out.append("file:       ").append(fp.source()).append(" (FP package ").append(m.format())
                    .append(m.signed() ? ", signed" : ", unsigned").append(")\n");
            out.append("for:        model ").append(m.model()).append(", hardware revision ").append(m.hardwareRevision())
                    .append('\n');
            out.append("version:    ").append(m.firmwareVersion()).append('\n');
            out.append("payload:    ").append(m.payloadFormat().key())
                    .append(m.baseAddress().isPresent() ? " at " + JsonOutput.hex(m.baseAddress().getAsLong()) : "")
                    .append(", ").append(m.payloadLength()).append(" bytes, CRC-32 ").append(m.crc32())
                    .append(", SHA-256 ").append(m.sha256()).append('\n');
            if (!m.description().isEmpty()) {
                out.append("notes:      ").append(m.description()).append('\n');
            }
        } else {
            out.append("file:       ").append(firmware.source()).append(" (").append(image.format())
                    .append(image.header().isEmpty() ? "" : ", header \"" + image.header() + "\"")
                    .append("; a bare image names no model or version)\n");
        }
        out.append("image:      ").append(image.describe()).append('\n');
        for (Segment segment : image.segments()) {
            out.append("  segment   ").append(Segment.range(segment.address(), segment.length())).append('\n');
        }
        image.startAddress().ifPresent(start -> out.append("entry:      ").append(JsonOutput.hex(start)).append('\n'));
        out.append("image SHA-256 ").append(imageSha256(image)).append('\n');
        return out.toString();
    }
}
