package org.bmsw.workbench.firmware.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.bmsw.firmware.Check;
import org.bmsw.firmware.Finding;
import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FpManifest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.Segment;
import org.bmsw.firmware.TargetDevice;
import org.bmsw.firmware.ValidationSummary;

/**
 * A validation summary as the page's table shows it: one row per check, what the image says, what the device is,
 * and how the check came out (with the validator's words when it did not pass).
 */
final class ValidationRows {

    enum Status {
        OK, CONFIRM, REFUSED
    }

    /**
     * @param label   the check, in the page's language
     * @param image   what the image says
     * @param device  what the device is
     * @param status  how the check came out
     * @param finding why it did not pass; empty when it did
     */
    record Row(Check check, String label, String image, String device, Status status, String finding) {
    }

    private ValidationRows() {
    }

    static List<Row> of(ValidationSummary summary, Locale locale) {
        TargetDevice target = summary.target();
        FirmwareImage image = summary.firmware().image();
        Optional<FpManifest> manifest = summary.firmware() instanceof FpPackage fp ? Optional.of(fp.manifest()) : Optional.empty();
        String none = "–";
        List<Row> rows = new ArrayList<>();
        rows.add(row(summary, locale, Check.MODEL, "row.model", manifest.map(FpManifest::model).orElse(none), target.model()));
        rows.add(row(summary, locale, Check.HARDWARE_REVISION, "row.hardware",
                manifest.map(FpManifest::hardwareRevision).orElse(none), orUnknown(target.hardwareRevision(), locale)));
        rows.add(row(summary, locale, Check.DOWNGRADE, "row.version", manifest.map(FpManifest::firmwareVersion).orElse(none),
                orUnknown(target.firmwareVersion(), locale)));
        rows.add(row(summary, locale, Check.CONTENT, "row.image", image.describe(), ""));
        rows.add(row(summary, locale, Check.INTEGRITY, "row.hashes", manifest.map(m -> "CRC-32 " + m.crc32() + ", SHA-256 "
                + m.sha256().substring(0, 16) + "…").orElse("SHA-256 " + sha256(image).substring(0, 16) + "…"), ""));
        rows.add(row(summary, locale, Check.SIGNATURE, "row.signature", manifest.map(m -> PageMessages.get(locale,
                m.signed() ? "value.signed" : "value.unsigned")).orElse(PageMessages.get(locale, "value.unsigned")),
                PageMessages.get(locale, target.requiresSignedImages() ? "value.required" : "value.notRequired")));
        rows.add(row(summary, locale, Check.FLASH_MAP, "row.flashMap", image.isEmpty() ? none
                : Segment.range(image.segments().get(0).address(), image.segments().get(image.segments().size() - 1).end()
                        - image.segments().get(0).address()),
                String.join(", ", target.flashMap().stream().map(r -> Segment.range(r.start(), r.size())).toList())));
        if (manifest.isEmpty()) {
            rows.add(row(summary, locale, Check.IDENTITY, "row.identity", PageMessages.get(locale, "value.bare"), target.model()));
        }
        return rows;
    }

    private static Row row(ValidationSummary summary, Locale locale, Check check, String label, String image, String device) {
        Optional<Finding> refusal = summary.refusals().stream().filter(f -> f.check() == check).findFirst();
        Optional<Finding> confirm = summary.confirmationsNeeded().stream().filter(f -> f.check() == check).findFirst();
        Status status = refusal.isPresent() ? Status.REFUSED : confirm.isPresent() ? Status.CONFIRM : Status.OK;
        String finding = Stream.concat(refusal.stream(), confirm.stream()).map(Finding::message).findFirst().orElse("");
        return new Row(check, PageMessages.get(locale, label), image, device, status, finding);
    }

    private static String orUnknown(String value, Locale locale) {
        return value.isEmpty() ? PageMessages.get(locale, "value.unknown") : value;
    }

    static String sha256(FirmwareImage image) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            image.segments().forEach(s -> digest.update(s.data()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
