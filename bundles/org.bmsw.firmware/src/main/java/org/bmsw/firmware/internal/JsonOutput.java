package org.bmsw.firmware.internal;

import java.util.HexFormat;

import org.bmsw.firmware.Finding;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FpManifest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.Segment;
import org.bmsw.firmware.ValidationSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The flash commands' JSON: one object per line while flashing, pretty for inspect. */
final class JsonOutput {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static ObjectNode object() {
        return COMPACT.createObjectNode();
    }

    static String line(Object node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static String pretty(Object node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The file: its format, segments, image hash and, for a package, the manifest. */
    static ObjectNode firmware(Firmware firmware) {
        FirmwareImage image = firmware.image();
        ObjectNode node = object().put("file", firmware.source())
                .put("format", firmware instanceof FpPackage ? "FP" : image.format().name())
                .put("bytes", image.totalBytes()).put("imageSha256", FirmwareSummary.imageSha256(image));
        ArrayNode segments = node.putArray("segments");
        for (Segment segment : image.segments()) {
            segments.addObject().put("address", hex(segment.address())).put("length", segment.length());
        }
        if (firmware instanceof FpPackage fp) {
            FpManifest m = fp.manifest();
            ObjectNode manifest = node.putObject("manifest").put("model", m.model())
                    .put("hardwareRevision", m.hardwareRevision()).put("firmwareVersion", m.firmwareVersion())
                    .put("payloadFormat", m.payloadFormat().key()).put("payloadLength", m.payloadLength())
                    .put("crc32", m.crc32()).put("sha256", m.sha256()).put("description", m.description())
                    .put("signed", m.signed());
            m.baseAddress().ifPresent(base -> manifest.put("baseAddress", hex(base)));
        }
        return node;
    }

    static ObjectNode validation(ValidationSummary summary, boolean deviceInBootloader) {
        ObjectNode node = object().put("event", "validation");
        node.set("firmware", firmware(summary.firmware()));
        node.putObject("device").put("model", summary.target().model())
                .put("hardwareRevision", summary.target().hardwareRevision())
                .put("firmwareVersion", summary.target().firmwareVersion())
                .put("inBootloader", deviceInBootloader);
        summary.passed().forEach(node.putArray("passed")::add);
        ArrayNode confirm = node.putArray("confirmationsNeeded");
        summary.confirmationsNeeded().forEach(f -> finding(confirm, f));
        ArrayNode refusals = node.putArray("refusals");
        summary.refusals().forEach(f -> finding(refusals, f));
        node.put("refused", summary.refused());
        return node;
    }

    private static void finding(ArrayNode array, Finding finding) {
        array.addObject().put("check", finding.check().name()).put("message", finding.message());
    }

    static String hex(long address) {
        return "0x" + HexFormat.of().withUpperCase().toHexDigits((int) address);
    }
}
