package org.bmsw.firmware;

import static org.bmsw.firmware.Fixtures.APP_BASE;
import static org.bmsw.firmware.Fixtures.bytes;
import static org.bmsw.firmware.Fixtures.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FP container: create, sign, read back, verify, and every way a file can be broken or tampered with. */
class FpPackageTest {

    private static final KeyPair KEYS = FpKeys.generate();

    static FpPackage pack(FirmwareImage image, KeyPair signer) throws Exception {
        FpPackageBuilder builder = new FpPackageBuilder().model("BI5132").hardwareRevision("B").firmwareVersion("1.4.0")
                .description("test build").image(image);
        if (signer != null) {
            builder.signWith(signer.getPrivate());
        }
        return builder.build("app.fp");
    }

    static FpPackage read(byte[] file) throws ImageFormatException {
        return (FpPackage) FirmwareImages.parse("app.fp", file, Optional.empty(), OptionalLong.empty());
    }

    static boolean verifies(FpPackage fp, PublicKey key) {
        return FpKeys.verify(key, fp.canonicalManifest(), Base64.getDecoder().decode(fp.manifest().signature().orElseThrow()));
    }

    @Test
    void aSignedPackageReadsBackWithTheSameManifestImageAndAValidSignature() throws Exception {
        FpPackage made = pack(image("app.s37"), KEYS);
        byte[] file = made.toBytes();
        FpPackage read = read(file);
        assertEquals(made.manifest(), read.manifest());
        assertEquals(ImageFormat.FP, read.image().format());
        assertEquals(image("app.s37").segments(), read.image().segments());
        assertEquals(PayloadFormat.BINARY, read.manifest().payloadFormat()); // one segment goes as binary
        assertEquals(OptionalLong.of(APP_BASE), read.manifest().baseAddress());
        assertArrayEquals(bytes("app.bin"), read.payload());
        assertTrue(verifies(read, KEYS.getPublic()));
        assertFalse(verifies(read, FpKeys.generate().getPublic()));
    }

    @Test
    void theFileLayoutIsMagicLengthManifestPayload() throws Exception {
        FpPackage fp = pack(image("app.s37"), KEYS);
        byte[] file = fp.toBytes();
        assertArrayEquals(new byte[] {(byte) 0x89, 'F', 'P', 'K', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(file, 8));
        int n = ByteBuffer.wrap(file, 8, 4).getInt();
        String manifest = new String(file, 12, n, StandardCharsets.UTF_8);
        assertEquals(12 + n + 1000, file.length);
        assertTrue(manifest.startsWith("{\"baseAddress\":\"0x08004000\",\"crc32\":\""), manifest);
        assertTrue(manifest.contains("\"format\":\"bmsw-fp/1\""), manifest);
        assertTrue(manifest.contains("\"payloadLength\":1000,\"sha256\":\"" + fp.manifest().sha256() + "\",\"signature\":\""), manifest);
        // the canonical form is the stored one without the signature member
        String canonical = new String(fp.canonicalManifest(), StandardCharsets.UTF_8);
        assertEquals(manifest.replaceAll(",\"signature\":\"[^\"]*\"", ""), canonical);
    }

    @Test
    void severalSegmentsGoAsSRecordsAndKeepTheirGaps() throws Exception {
        FpPackage fp = pack(image("multi.s19"), null);
        assertEquals(PayloadFormat.SREC, fp.manifest().payloadFormat());
        assertEquals(OptionalLong.empty(), fp.manifest().baseAddress());
        FpPackage read = read(fp.toBytes());
        assertEquals(image("multi.s19").segments(), read.image().segments());
        assertFalse(read.manifest().signed());
    }

    @Test
    void anIntelHexPayloadAsItIs() throws Exception {
        FpPackage fp = new FpPackageBuilder().model("SmartBMS").hardwareRevision("*").firmwareVersion("35-7-3")
                .payload(PayloadFormat.INTEL_HEX, bytes("segmented.hex"), OptionalLong.empty()).build("x.fp");
        assertEquals(image("segmented.hex").segments(), read(fp.toBytes()).image().segments());
    }

    @Test
    void theBuilderSaysWhatIsMissing() {
        assertThrows(IllegalArgumentException.class, () -> new FpPackageBuilder().hardwareRevision("B").firmwareVersion("1")
                .image(image("app.s37")).build("x"), "model");
        IllegalArgumentException noBase = assertThrows(IllegalArgumentException.class, () -> new FpPackageBuilder().model("M")
                .hardwareRevision("B").firmwareVersion("1").payload(PayloadFormat.BINARY, new byte[4], OptionalLong.empty()).build("x"));
        assertTrue(noBase.getMessage().contains("base address"));
        ImageFormatException badPayload = assertThrows(ImageFormatException.class, () -> new FpPackageBuilder().model("M")
                .hardwareRevision("B").firmwareVersion("1").payload(PayloadFormat.SREC, "S1FF\n".getBytes(), OptionalLong.empty())
                .build("x.fp"));
        assertTrue(badPayload.getMessage().startsWith("x.fp (payload), line 1"), badPayload.getMessage());
    }

    // ---- tampering ----

    @Test
    void aChangedPayloadByteIsCaughtByTheHashesAtThePayloadOffset() throws Exception {
        byte[] file = pack(image("app.s37"), KEYS).toBytes();
        file[file.length - 10] ^= 0x01;
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> read(file));
        assertEquals(file.length - 1000, e.offset());
        assertTrue(e.getMessage().contains("CRC-32") && e.getMessage().contains("corrupted"), e.getMessage());
    }

    @Test
    void aPayloadReplacedWithMatchingHashesFailsTheSignature() throws Exception {
        FpPackage original = pack(image("app.s37"), KEYS);
        byte[] evil = bytes("app.bin");
        evil[0] ^= 0x55;
        // an attacker rebuilds the manifest's hashes but cannot sign
        FpManifest forged = new FpPackageBuilder().model("BI5132").hardwareRevision("B").firmwareVersion("1.4.0")
                .description("test build").payload(PayloadFormat.BINARY, evil, OptionalLong.of(APP_BASE)).build("app.fp").manifest()
                .withSignature(original.manifest().signature());
        FpPackage read = read(new FpPackage("app.fp", forged, evil, original.image()).toBytes());
        assertFalse(verifies(read, KEYS.getPublic()));
    }

    @Test
    void aChangedManifestFailsTheSignature() throws Exception {
        byte[] file = pack(image("app.s37"), KEYS).toBytes();
        String text = new String(file, StandardCharsets.ISO_8859_1).replace("\"model\":\"BI5132\"", "\"model\":\"BI5148\"");
        FpPackage read = read(text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("BI5148", read.manifest().model());
        assertFalse(verifies(read, KEYS.getPublic()));
    }

    @Test
    void whitespaceInTheStoredManifestDoesNotChangeWhatIsSigned() throws Exception {
        FpPackage fp = pack(image("app.s37"), KEYS);
        byte[] file = fp.toBytes();
        int n = ByteBuffer.wrap(file, 8, 4).getInt();
        String pretty = new String(file, 12, n, StandardCharsets.UTF_8).replace(",", ",\n  ").replace("{", "{\n  ");
        byte[] json = pretty.getBytes(StandardCharsets.UTF_8);
        byte[] rebuilt = ByteBuffer.allocate(12 + json.length + 1000).put(file, 0, 8).putInt(json.length).put(json)
                .put(fp.payload()).array();
        assertTrue(verifies(read(rebuilt), KEYS.getPublic()));
    }

    // ---- malformed containers ----

    @Test
    void wrongMagicAndAMagicMangledByATextModeCopy() throws Exception {
        byte[] file = pack(image("app.s37"), null).toBytes();
        ImageFormatException zip = assertThrows(ImageFormatException.class,
                () -> FirmwareImages.parse("app.fp", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0}, Optional.empty(), OptionalLong.empty()));
        assertEquals(0, zip.offset());
        assertTrue(zip.getMessage().contains("not an FP package: it starts with 50 4B 03 04"), zip.getMessage());
        byte[] mangled = new String(file, StandardCharsets.ISO_8859_1).replaceFirst("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        ImageFormatException text = assertThrows(ImageFormatException.class,
                () -> FirmwareImages.parse("app.fp", mangled, Optional.of(ImageFormat.FP), OptionalLong.empty()));
        assertTrue(text.getMessage().contains("copied as text"), text.getMessage());
    }

    @Test
    void truncationAnywhereIsNamedWithItsOffset() throws Exception {
        byte[] file = pack(image("app.s37"), KEYS).toBytes();
        int n = ByteBuffer.wrap(file, 8, 4).getInt();
        ImageFormatException header = assertThrows(ImageFormatException.class, () -> read(Arrays.copyOf(file, 10)));
        assertTrue(header.getMessage().contains("inside the header"), header.getMessage());
        ImageFormatException manifest = assertThrows(ImageFormatException.class, () -> read(Arrays.copyOf(file, 12 + n / 2)));
        assertTrue(manifest.getMessage().contains("the manifest is " + n + " bytes but the file ends after " + n / 2), manifest.getMessage());
        ImageFormatException payload = assertThrows(ImageFormatException.class, () -> read(Arrays.copyOf(file, file.length - 1)));
        assertEquals(file.length - 1, payload.offset());
        assertTrue(payload.getMessage().contains("payload is 1000 bytes but the file ends after 999"), payload.getMessage());
        ImageFormatException extra = assertThrows(ImageFormatException.class, () -> read(Arrays.copyOf(file, file.length + 3)));
        assertEquals(file.length, extra.offset());
        assertTrue(extra.getMessage().contains("3 bytes follow the payload"), extra.getMessage());
    }

    @Test
    void manifestProblemsNameTheByteAndTheMember() throws Exception {
        assertManifestError("{\"model\": }", 12 + 10, "not valid JSON");
        assertManifestError("[1]", 12, "not a JSON object");
        assertManifestError(manifest("\"model\":\"M\"", "\"model\":\"M\",\"model\":\"N\""), -1, "Duplicate field 'model'");
        assertManifestError(manifest("\"model\":\"M\"", "\"model\":\"M\",\"bootloader\":\"yes\""), -1, "unknown member \"bootloader\"");
        assertManifestError(manifest("\"model\":\"M\",", ""), -1, "has no \"model\"");
        assertManifestError(manifest("bmsw-fp/1", "bmsw-fp/2"), -1, "format \"bmsw-fp/2\" is not one this program reads");
        assertManifestError(manifest("\"baseAddress\":\"0x1000\",", ""), -1, "binary payload needs a \"baseAddress\"");
        assertManifestError(manifest("\"payloadLength\":4", "\"payloadLength\":-4"), -1, "0 or more");
        assertManifestError(manifest("\"payloadLength\":4", "\"payloadLength\":\"4\""), -1, "whole number");
        assertManifestError(manifest("\"model\":\"M\"", "\"model\":\" \""), -1, "\"model\" is empty");
        assertManifestError(manifest("\"payloadFormat\":\"binary\"", "\"payloadFormat\":\"elf\""), -1, "none of binary, srec, ihex");
        assertManifestError(manifest("\"model\":\"M\"", "\"model\":7"), -1, "\"model\" must be a string");
    }

    /** A valid manifest for a 4-byte binary payload at 0x1000, with {@code from} replaced by {@code to}. */
    private static String manifest(String from, String to) {
        String good = "{\"baseAddress\":\"0x1000\",\"crc32\":\"2144df1c\",\"firmwareVersion\":\"1\",\"format\":\"bmsw-fp/1\","
                + "\"hardwareRevision\":\"A\",\"model\":\"M\",\"payloadFormat\":\"binary\",\"payloadLength\":4,"
                + "\"sha256\":\"df3f619804a92fdb4057192dc43dd748ea778adc52bc498ce80524c014b81119\"}";
        return good.replace(from, to);
    }

    @Test
    void theValidManifestOfTheseTestsReads() throws Exception {
        FpPackage fp = read(container(manifest("", "")));
        assertEquals(new Segment(0x1000, new byte[4]), fp.image().segments().get(0));
    }

    private static void assertManifestError(String json, long offset, String words) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> read(container(json)));
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertTrue(e.offset() >= 12, e.getMessage());
        if (offset >= 0) {
            assertEquals(offset, e.offset(), e.getMessage());
        }
    }

    private static byte[] container(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(12 + j.length + 4).put(new byte[] {(byte) 0x89, 'F', 'P', 'K', '\r', '\n', 0x1A, '\n'})
                .putInt(j.length).put(j).put(new byte[4]).array();
    }

    // ---- keys: OpenSSL makes and checks them too ----

    @Test
    void openSslKeysSignPackagesAndOpenSslVerifiesOurSignatures(@TempDir Path dir) throws Exception {
        Fixtures.run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "vendor.pem");
        Fixtures.run(dir, "openssl", "pkey", "-in", "vendor.pem", "-pubout", "-out", "vendor.pub.pem");
        FpPackage fp = new FpPackageBuilder().model("BI5132").hardwareRevision("B").firmwareVersion("2.0").image(image("app.s37"))
                .signWith(FpKeys.readPrivateKey(dir.resolve("vendor.pem"))).build("app.fp");
        assertTrue(verifies(read(fp.toBytes()), FpKeys.readPublicKey(dir.resolve("vendor.pub.pem"))));
        // OpenSSL checks our signature over the canonical manifest ...
        Files.write(dir.resolve("canonical.json"), fp.canonicalManifest());
        Files.write(dir.resolve("sig"), Base64.getDecoder().decode(fp.manifest().signature().orElseThrow()));
        String verdict = Fixtures.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "vendor.pub.pem", "-rawin",
                "-in", "canonical.json", "-sigfile", "sig");
        assertTrue(verdict.contains("Signature Verified Successfully"), verdict);
        // ... and reads the PEM files we write
        KeyPair ours = FpKeys.generate();
        Files.writeString(dir.resolve("ours.pem"), FpKeys.toPem(ours.getPrivate()));
        Files.writeString(dir.resolve("ours.pub.pem"), FpKeys.toPem(ours.getPublic()));
        Fixtures.run(dir, "openssl", "pkey", "-in", "ours.pem", "-noout");
        Fixtures.run(dir, "openssl", "pkeyutl", "-sign", "-inkey", "ours.pem", "-rawin", "-in", "canonical.json", "-out", "oursig");
        assertTrue(FpKeys.verify(FpKeys.readPublicKey(dir.resolve("ours.pub.pem")), fp.canonicalManifest(),
                Files.readAllBytes(dir.resolve("oursig"))));
    }

    @Test
    void keyFilesOfTheWrongKindAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.pem");
        Files.writeString(file, FpKeys.toPem(KEYS.getPrivate()));
        Exception e = assertThrows(java.security.InvalidKeyException.class, () -> FpKeys.readPublicKey(file));
        assertTrue(e.getMessage().contains("k.pem: holds a PRIVATE KEY, a PUBLIC KEY is needed"), e.getMessage());
        Files.writeString(file, "hello");
        e = assertThrows(java.security.InvalidKeyException.class, () -> FpKeys.readPrivateKey(file));
        assertTrue(e.getMessage().contains("no PEM block"), e.getMessage());
    }
}
