package org.bmsw.firmware.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FpManifest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.ImageFormat;
import org.bmsw.firmware.ImageFormatException;
import org.bmsw.firmware.PayloadFormat;
import org.bmsw.firmware.Segment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The FP package on disk:
 * <pre>
 * offset 0   8 bytes  magic 89 46 50 4B 0D 0A 1A 0A ("\x89FPK\r\n\x1a\n": a text-mode copy breaks it visibly)
 * offset 8   4 bytes  manifest length N, unsigned big-endian, 2..65536
 * offset 12  N bytes  manifest: a JSON object in UTF-8
 * offset 12+N         payload: exactly payloadLength bytes, then the end of the file
 * </pre>
 */
public final class FpCodec {

    public static final byte[] MAGIC = {(byte) 0x89, 'F', 'P', 'K', '\r', '\n', 0x1A, '\n'};
    static final int MAX_MANIFEST = 65536;
    private static final int HEADER = MAGIC.length + 4;
    private static final Set<String> MEMBERS = Set.of("format", "model", "hardwareRevision", "firmwareVersion",
            "payloadFormat", "baseAddress", "payloadLength", "crc32", "sha256", "description", "signature");
    private static final Set<String> REQUIRED = Set.of("format", "model", "hardwareRevision", "firmwareVersion",
            "payloadFormat", "payloadLength", "crc32", "sha256");
    private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{1,8}");
    private static final Pattern CRC32 = Pattern.compile("[0-9a-fA-F]{8}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private FpCodec() {
    }

    public static boolean hasMagic(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The manifest without its signature, members sorted by name, compact, UTF-8: what the signature covers. */
    public static byte[] canonicalManifest(FpManifest manifest) {
        return json(manifest, false);
    }

    public static byte[] write(FpManifest manifest, byte[] payload) {
        byte[] json = json(manifest, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + json.length + payload.length);
        out.writeBytes(MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(json.length).array());
        out.writeBytes(json);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] json(FpManifest m, boolean withSignature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            // alphabetical, so anyone can rebuild these bytes with any JSON library
            if (m.baseAddress().isPresent()) {
                g.writeStringField("baseAddress", String.format("0x%08X", m.baseAddress().getAsLong()));
            }
            g.writeStringField("crc32", m.crc32().toLowerCase(Locale.ROOT));
            if (!m.description().isEmpty()) {
                g.writeStringField("description", m.description());
            }
            g.writeStringField("firmwareVersion", m.firmwareVersion());
            g.writeStringField("format", m.format());
            g.writeStringField("hardwareRevision", m.hardwareRevision());
            g.writeStringField("model", m.model());
            g.writeStringField("payloadFormat", m.payloadFormat().key());
            g.writeNumberField("payloadLength", m.payloadLength());
            g.writeStringField("sha256", m.sha256().toLowerCase(Locale.ROOT));
            if (withSignature && m.signature().isPresent()) {
                g.writeStringField("signature", m.signature().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    public static FpPackage read(String source, byte[] file) throws ImageFormatException {
        if (!hasMagic(file)) {
            throw ImageFormatException.atOffset(source, 0, "not an FP package: it starts with "
                    + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(file, 0, Math.min(8, file.length))
                    + ", an FP package with 89 46 50 4B 0D 0A 1A 0A"
                    + (file.length >= 4 && file[1] == 'F' && file[2] == 'P' && file[3] == 'K'
                            ? " (its line ends were changed: was it copied as text?)" : ""));
        }
        if (file.length < HEADER) {
            throw ImageFormatException.atOffset(source, file.length, "the file ends inside the header: truncated");
        }
        long manifestLength = ByteBuffer.wrap(file, MAGIC.length, 4).getInt() & 0xFFFF_FFFFL;
        if (manifestLength < 2 || manifestLength > MAX_MANIFEST) {
            throw ImageFormatException.atOffset(source, MAGIC.length,
                    "manifest length " + manifestLength + " is outside 2.." + MAX_MANIFEST);
        }
        if (HEADER + manifestLength > file.length) {
            throw ImageFormatException.atOffset(source, file.length, "the manifest is " + manifestLength
                    + " bytes but the file ends after " + (file.length - HEADER) + " of them: truncated");
        }
        FpManifest manifest = parseManifest(source, Arrays.copyOfRange(file, HEADER, HEADER + (int) manifestLength));
        long payloadStart = HEADER + manifestLength;
        long available = file.length - payloadStart;
        if (available < manifest.payloadLength()) {
            throw ImageFormatException.atOffset(source, file.length, "the payload is " + manifest.payloadLength()
                    + " bytes but the file ends after " + available + " of them: truncated");
        }
        if (available > manifest.payloadLength()) {
            throw ImageFormatException.atOffset(source, payloadStart + manifest.payloadLength(),
                    (available - manifest.payloadLength()) + " bytes follow the payload the manifest describes");
        }
        byte[] payload = Arrays.copyOfRange(file, (int) payloadStart, file.length);
        checkIntegrity(source, payloadStart, manifest, payload);
        return new FpPackage(source, manifest, payload, decodePayload(source, manifest, payload));
    }

    /** The payload's CRC-32 and SHA-256 against the manifest's; a mismatch names the payload's bytes. */
    public static void checkIntegrity(String source, long payloadStart, FpManifest manifest, byte[] payload)
            throws ImageFormatException {
        String where = "payload (bytes " + payloadStart + ".." + (payloadStart + payload.length) + ")";
        if (payload.length != manifest.payloadLength()) {
            throw ImageFormatException.atOffset(source, payloadStart, where + " is " + payload.length
                    + " bytes, the manifest says " + manifest.payloadLength());
        }
        String crc = Digests.crc32(payload);
        if (!crc.equalsIgnoreCase(manifest.crc32())) {
            throw ImageFormatException.atOffset(source, payloadStart,
                    where + " has CRC-32 " + crc + ", the manifest says " + manifest.crc32() + ": the file is corrupted");
        }
        String sha = Digests.sha256(payload);
        if (!sha.equalsIgnoreCase(manifest.sha256())) {
            throw ImageFormatException.atOffset(source, payloadStart,
                    where + " has SHA-256 " + sha + ", the manifest says " + manifest.sha256() + ": the file is corrupted");
        }
    }

    public static FirmwareImage decodePayload(String source, FpManifest manifest, byte[] payload) throws ImageFormatException {
        String payloadSource = source + " (payload)";
        FirmwareImage image = switch (manifest.payloadFormat()) {
            case BINARY -> new FirmwareImage(payloadSource, ImageFormat.BINARY,
                    payload.length == 0 ? List.of() : List.of(binarySegment(source, manifest, payload)), OptionalLong.empty(), "");
            case SREC -> SRecordReader.read(payloadSource, TextFiles.ascii(payloadSource, payload));
            case INTEL_HEX -> IntelHexReader.read(payloadSource, TextFiles.ascii(payloadSource, payload));
        };
        return new FirmwareImage(source, ImageFormat.FP, image.segments(), image.startAddress(), image.header());
    }

    private static Segment binarySegment(String source, FpManifest manifest, byte[] payload) throws ImageFormatException {
        long base = manifest.baseAddress().getAsLong();
        if (base + payload.length > 0x1_0000_0000L) {
            throw ImageFormatException.ofFile(source, "the payload at base address " + String.format("0x%08X", base)
                    + " runs past the 32-bit address space");
        }
        return new Segment(base, payload);
    }

    private static FpManifest parseManifest(String source, byte[] json) throws ImageFormatException {
        String format = null, model = null, hardware = null, version = null, description = "", crc = null, sha = null;
        PayloadFormat payloadFormat = null;
        OptionalLong base = OptionalLong.empty();
        long length = -1;
        Optional<String> signature = Optional.empty();
        Set<String> seen = new HashSet<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw manifestError(source, p, "the manifest is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!MEMBERS.contains(name)) {
                    throw manifestError(source, p, "unknown member \"" + name + "\" (known: " + String.join(", ",
                            MEMBERS.stream().sorted().toList()) + ")");
                }
                seen.add(name);
                if (name.equals("payloadLength")) {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                        throw manifestError(source, p, "\"payloadLength\" must be a whole number of bytes, 0 or more");
                    }
                    length = p.getLongValue();
                    continue;
                }
                if (value != JsonToken.VALUE_STRING) {
                    throw manifestError(source, p, "\"" + name + "\" must be a string");
                }
                String text = p.getText();
                switch (name) {
                    case "format" -> {
                        if (!text.equals(FpManifest.FORMAT)) {
                            throw manifestError(source, p, "format \"" + text + "\" is not one this program reads ("
                                    + FpManifest.FORMAT + ")");
                        }
                        format = text;
                    }
                    case "model" -> model = nonBlank(source, p, name, text);
                    case "hardwareRevision" -> hardware = nonBlank(source, p, name, text);
                    case "firmwareVersion" -> version = nonBlank(source, p, name, text);
                    case "description" -> description = text;
                    case "payloadFormat" -> payloadFormat = PayloadFormat.ofKey(text).orElseThrow(() -> manifestError(
                            source, p, "payloadFormat \"" + text + "\" is none of binary, srec, ihex"));
                    case "baseAddress" -> {
                        if (!ADDRESS.matcher(text).matches()) {
                            throw manifestError(source, p, "baseAddress \"" + text + "\" is not 0x followed by 1 to 8 hex digits");
                        }
                        base = OptionalLong.of(Long.parseLong(text.substring(2), 16));
                    }
                    case "crc32" -> crc = matching(source, p, name, text, CRC32, "8 hex digits");
                    case "sha256" -> sha = matching(source, p, name, text, SHA256, "64 hex digits");
                    default -> signature = Optional.of(text); // "signature"; checked by the validator
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw manifestError(source, p, "unexpected content after the manifest object");
            }
            for (String required : REQUIRED) {
                if (!seen.contains(required)) {
                    throw manifestError(source, p, "the manifest has no \"" + required + "\"");
                }
            }
            if (payloadFormat == PayloadFormat.BINARY && base.isEmpty()) {
                throw manifestError(source, p, "a binary payload needs a \"baseAddress\"");
            }
            if (payloadFormat != PayloadFormat.BINARY && base.isPresent()) {
                throw manifestError(source, p, "\"baseAddress\" is only for binary payloads: " + payloadFormat.key()
                        + " records carry their own addresses");
            }
        } catch (JsonParseException e) {
            throw ImageFormatException.atOffset(source, HEADER + e.getLocation().getByteOffset(),
                    "the manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (UncheckedManifestError e) {
            throw e.error;
        } catch (IOException e) {
            throw ImageFormatException.atOffset(source, HEADER, "the manifest cannot be read: " + e.getMessage());
        }
        return new FpManifest(format, model, hardware, version, payloadFormat, base, length, crc, sha, description, signature);
    }

    private static String nonBlank(String source, JsonParser p, String name, String text) {
        if (text.isBlank()) {
            throw manifestError(source, p, "\"" + name + "\" is empty");
        }
        return text;
    }

    private static String matching(String source, JsonParser p, String name, String text, Pattern pattern, String what) {
        if (!pattern.matcher(text).matches()) {
            throw manifestError(source, p, "\"" + name + "\" must be " + what + ", found \"" + text + "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Carries an ImageFormatException out of lambdas; unwrapped in {@link #parseManifest}. */
    private static final class UncheckedManifestError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ImageFormatException error;

        UncheckedManifestError(ImageFormatException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static UncheckedManifestError manifestError(String source, JsonParser p, String problem) {
        long offset = HEADER + Math.max(0, p.currentTokenLocation().getByteOffset());
        return new UncheckedManifestError(ImageFormatException.atOffset(source, offset, "manifest: " + problem));
    }
}
