package org.bmsw.firmware;

import static org.bmsw.firmware.Fixtures.APP_BASE;
import static org.bmsw.firmware.Fixtures.assertMalformed;
import static org.bmsw.firmware.Fixtures.assertSingle;
import static org.bmsw.firmware.Fixtures.bytes;
import static org.bmsw.firmware.Fixtures.image;
import static org.bmsw.firmware.Fixtures.parse;
import static org.bmsw.firmware.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S-record, Intel HEX and binary: files made by objcopy, hand-made edge cases, every malformation. */
class ImageFormatsTest {

    // ---- valid files ----

    @Test
    void objcopySRecordWithS3RecordsIsTheBinaryAtItsAddress() throws Exception {
        FirmwareImage image = image("app.s37");
        assertEquals(ImageFormat.SREC, image.format());
        assertSingle(image, APP_BASE, bytes("app.bin"));
        assertEquals(OptionalLong.of(APP_BASE), image.startAddress());
        assertEquals("app.s37", image.header());
    }

    @Test
    void objcopyIntelHexWithLinearAddressesIsTheBinaryAtItsAddress() throws Exception {
        FirmwareImage image = image("app.hex");
        assertEquals(ImageFormat.INTEL_HEX, image.format());
        assertSingle(image, APP_BASE, bytes("app.bin"));
        assertEquals(OptionalLong.of(APP_BASE), image.startAddress()); // type 05
    }

    @Test
    void s2AndS1RecordsAndSegmentAddressedHexReadTheSameBytes() throws Exception {
        byte[] low = bytes("boot-low.bin");
        assertSingle(image("low.s28"), 0x12000, low);
        assertEquals(OptionalLong.of(0x12000), image("low.s28").startAddress()); // S8
        assertSingle(image("low.s19"), 0x1000, low);
        assertEquals(OptionalLong.of(0x1000), image("low.s19").startAddress()); // S9
        assertSingle(image("low-segment.hex"), 0x12000, low); // type 02
    }

    @Test
    void touchingRecordsMergeAndGapsSplitSegmentsWithCrlfLineEnds() throws Exception {
        FirmwareImage image = image("multi.s19");
        assertEquals(2, image.segments().size());
        assertEquals(new Segment(0x100, range(0, 32)), image.segments().get(0));
        assertEquals(new Segment(0x400, range(100, 108)), image.segments().get(1));
        assertEquals("multi segment", image.header());
        assertEquals(40, image.totalBytes());
    }

    @Test
    void segmentAndLinearAddressRecordsAndAStartSegmentAddress() throws Exception {
        FirmwareImage image = image("segmented.hex");
        assertEquals(List.of(new Segment(0x10000, range(0, 8)), new Segment(0x20010, range(8, 16))), image.segments());
        assertEquals(OptionalLong.of(0x10020), image.startAddress()); // type 03: CS 0x1000 : IP 0x0020
    }

    @Test
    void aDataRecordRunningPastItsWindowWrapsToTheWindowStart() throws Exception {
        String hex = ":020000040001F9\n" + record(0xFFF8, 0, range(0, 16)) + "\n:00000001FF\n";
        FirmwareImage image = parse("wrap.hex", hex).image();
        assertEquals(List.of(new Segment(0x10000, range(8, 16)), new Segment(0x1FFF8, range(0, 8))), image.segments());
    }

    @Test
    void aBinaryNeedsItsBaseAddress() throws Exception {
        FirmwareImage image = FirmwareImages.parse("app.bin", bytes("app.bin"), Optional.empty(), OptionalLong.of(APP_BASE)).image();
        assertSingle(image, APP_BASE, bytes("app.bin"));
        assertMalformed(() -> FirmwareImages.parse("app.bin", bytes("app.bin"), Optional.empty(), OptionalLong.empty()), 0,
                "app.bin", "needs the base address");
        assertMalformed(() -> FirmwareImages.parse("app.bin", new byte[16], Optional.empty(), OptionalLong.of(0xFFFF_FFF8L)), 0,
                "do not fit 32-bit");
    }

    @Test
    void theFormatFollowsFromTheContentBeforeTheName(@TempDir Path dir) throws Exception {
        Path misnamed = dir.resolve("firmware.bin");
        Files.write(misnamed, bytes("app.hex"));
        // text records are never taken for bytes, whatever the name says
        assertEquals(ImageFormat.INTEL_HEX, FirmwareImages.read(misnamed).image().format());
        assertEquals(ImageFormat.INTEL_HEX, FirmwareImages.read(misnamed, Optional.of(ImageFormat.INTEL_HEX), OptionalLong.empty())
                .image().format());
        Path noExtension = dir.resolve("firmware");
        Files.write(noExtension, bytes("app.s37"));
        assertEquals(ImageFormat.SREC, FirmwareImages.read(noExtension).image().format());
        Files.write(noExtension, new byte[] {0x12, 0x34});
        assertMalformed(() -> FirmwareImages.read(noExtension), 0, "byte 0", "not an FP package, S-record or Intel HEX");
        assertMalformed(() -> FirmwareImages.parse("app.s37", bytes("app.s37"), Optional.empty(), OptionalLong.of(0)), 0,
                "only for raw binaries");
    }

    // ---- round trips, checked by objcopy ----

    @ParameterizedTest
    @ValueSource(strings = {"app.s37", "app.hex", "low.s28", "low.s19", "low-segment.hex", "multi.s19", "segmented.hex"})
    void writtenRecordsReadBackTheSameImage(String name) throws Exception {
        FirmwareImage image = image(name);
        FirmwareImage viaSrec = parse("out.srec", FirmwareImages.toSRecord(image)).image();
        FirmwareImage viaHex = parse("out.hex", FirmwareImages.toIntelHex(image)).image();
        assertEquals(image.segments(), viaSrec.segments());
        assertEquals(image.segments(), viaHex.segments());
        assertEquals(image.startAddress(), viaSrec.startAddress());
        assertEquals(image.startAddress(), viaHex.startAddress());
        assertEquals(image.header(), viaSrec.header());
    }

    @Test
    void objcopyReadsWhatWeWrite(@TempDir Path dir) throws Exception {
        FirmwareImage image = image("app.s37");
        Files.writeString(dir.resolve("ours.srec"), FirmwareImages.toSRecord(image));
        Files.writeString(dir.resolve("ours.hex"), FirmwareImages.toIntelHex(image));
        Fixtures.run(dir, "objcopy", "-I", "srec", "-O", "binary", "ours.srec", "from-srec.bin");
        Fixtures.run(dir, "objcopy", "-I", "ihex", "-O", "binary", "ours.hex", "from-hex.bin");
        assertArrayEquals(bytes("app.bin"), Files.readAllBytes(dir.resolve("from-srec.bin")));
        assertArrayEquals(bytes("app.bin"), Files.readAllBytes(dir.resolve("from-hex.bin")));
        // gaps too: objcopy fills them with what --gap-fill says, as we do
        FirmwareImage multi = image("multi.s19");
        Files.writeString(dir.resolve("multi.hex"), FirmwareImages.toIntelHex(multi));
        Fixtures.run(dir, "objcopy", "-I", "ihex", "-O", "binary", "--gap-fill", "0xFF", "multi.hex", "multi.bin");
        assertArrayEquals(FirmwareImages.toBinary(multi, (byte) 0xFF), Files.readAllBytes(dir.resolve("multi.bin")));
    }

    @Test
    void anS3ImageUpTo0xFFFFFFFFAndAnImageCrossingA64KiBWindow() throws Exception {
        FirmwareImage top = new FirmwareImage("t", ImageFormat.BINARY, List.of(new Segment(0xFFFF_FFF0L, range(0, 16))),
                OptionalLong.empty(), "");
        assertEquals(top.segments(), parse("t.srec", FirmwareImages.toSRecord(top)).image().segments());
        assertEquals(top.segments(), parse("t.hex", FirmwareImages.toIntelHex(top)).image().segments());
        FirmwareImage crossing = new FirmwareImage("c", ImageFormat.BINARY, List.of(new Segment(0x1FFF0, range(0, 64))),
                OptionalLong.empty(), "");
        String hex = FirmwareImages.toIntelHex(crossing);
        assertTrue(hex.contains(":020000040002F8"), hex); // a new window before the bytes at 0x20000
        assertEquals(crossing.segments(), parse("c.hex", hex).image().segments());
    }

    // ---- S-record malformations ----

    @Test
    void sRecordBadChecksum() {
        String s = text("multi.s19").replace("0D0E0F73", "0D0E0F74");
        assertMalformed(() -> parse("bad.s19", s), 2, "bad.s19, line 2", "checksum 0x74", "0x73 expected");
    }

    @Test
    void sRecordBadHexDigit() {
        String s = text("multi.s19").replace("S1130110101112", "S11301101G1112");
        assertMalformed(() -> parse("bad.s19", s), 3, "line 3", "column 10", "'G' is not a hex digit");
    }

    @Test
    void sRecordTruncatedRecordAndTruncatedFile() {
        String whole = text("app.s37");
        String cut = String.join("\n", whole.lines().limit(4).toList());
        String cutInLine4 = cut.substring(0, cut.length() - 7);
        assertMalformed(() -> parse("cut.s37", cutInLine4), 4, "7 hex digits short", "truncated");
        String lines = whole.substring(0, whole.indexOf("S70508004000"));
        assertMalformed(() -> parse("cut.s37", lines), 0, "no end record", "truncated");
    }

    @Test
    void sRecordOverlappingRecordsNameBothLines() {
        String s = text("multi.s19").replace("S10B04006465666768696A6BB4", "S10B01086465666768696A6BB4".substring(0, 24)
                + checksumFor("0B01086465666768696A6B"));
        assertMalformed(() -> parse("overlap.s19", s), 4, "line 4", "0x00000108..0x0000010F (8 bytes)",
                "overlaps data at 0x00000100..0x0000010F (16 bytes) from line 2");
    }

    @Test
    void sRecordWrongCountRecordUnknownTypeAndStrayLines() {
        String count = text("multi.s19").replace("S5030003F9", "S5030002FA");
        assertMalformed(() -> parse("count.s19", count), 5, "S5 counts 2 data records", "has 3");
        String s4 = text("multi.s19").replace("S5030003F9", "S4030003F9");
        assertMalformed(() -> parse("type.s19", s4), 5, "S4 is no S-record type");
        String after = text("multi.s19") + "S1130100000102030405060708090A0B0C0D0E0F73\n";
        assertMalformed(() -> parse("after.s19", after), 7, "after the end record of line 6");
        String stray = "hello\n" + text("multi.s19");
        assertMalformed(() -> parse("stray.s19", stray), 1, "starts with 'S'");
        String tooShort = "S1020000FD\nS9030000FC\n";
        assertMalformed(() -> parse("short.s19", tooShort), 1, "count 2 is too small");
        String extra = text("multi.s19").replace("S9030100FB", "S9030100FB00");
        assertMalformed(() -> parse("extra.s19", extra), 6, "2 characters beyond");
    }

    @Test
    void aNonTextByteInARecordFileIsNamedByLine() {
        byte[] file = text("multi.s19").getBytes(StandardCharsets.US_ASCII);
        file[60] = (byte) 0xC3;
        assertMalformed(() -> FirmwareImages.parse("bin.s19", file, Optional.empty(), OptionalLong.empty()), 2,
                "byte 0xC3 is not text");
    }

    // ---- Intel HEX malformations ----

    @Test
    void intelHexBadChecksum() {
        String s = text("segmented.hex").replace("0607DC", "0607DD");
        assertMalformed(() -> parse("bad.hex", s), 2, "checksum 0xDD", "0xDC expected");
    }

    @Test
    void intelHexBadHexDigit() {
        String s = text("segmented.hex").replace(":0800100008090A0B", ":0800100008090X0B");
        assertMalformed(() -> parse("bad.hex", s), 4, "column 15", "'X' is not a hex digit");
    }

    @Test
    void intelHexTruncatedRecordAndMissingEndOfFile() {
        String whole = text("app.hex");
        String cut = String.join("\n", whole.lines().limit(3).toList());
        assertMalformed(() -> parse("cut.hex", cut.substring(0, cut.length() - 3)), 3, "3 hex digits short", "truncated");
        String noEnd = whole.replaceAll(":00000001FF\\s*", "");
        assertMalformed(() -> parse("noend.hex", noEnd), 0, "no end-of-file record", "truncated");
        assertMalformed(() -> parse("tiny.hex", ":0000\n:00000001FF\n"), 1, "at least 11");
    }

    @Test
    void intelHexUnknownTypeWrongLengthsOverlapAndStrayLines() {
        assertMalformed(() -> parse("type.hex", record(0, 6, new byte[0]) + "\n:00000001FF\n"), 1, "type 0x06");
        assertMalformed(() -> parse("len.hex", record(0, 4, new byte[3]) + "\n:00000001FF\n"), 1, "type 04 record carries 2 bytes, this one 3");
        assertMalformed(() -> parse("eof.hex", ":0100000100FE\n"), 1, "type 01 record carries 0 bytes");
        String overlap = record(0x10, 0, range(0, 8)) + "\n" + record(0x14, 0, range(0, 8)) + "\n:00000001FF\n";
        assertMalformed(() -> parse("overlap.hex", overlap), 2, "overlaps data at 0x00000010..0x00000017 (8 bytes) from line 1");
        assertMalformed(() -> parse("stray.hex", "X1\n:00000001FF\n"), 1, "starts with ':'");
        assertMalformed(() -> parse("after.hex", ":00000001FF\n" + record(0, 0, range(0, 2)) + "\n"), 2, "after the end-of-file record of line 1");
    }

    // ---- helpers ----

    static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    /** An Intel HEX record with a correct checksum. */
    static String record(int offset, int type, byte[] data) {
        StringBuilder s = new StringBuilder(String.format(":%02X%04X%02X", data.length, offset, type));
        int sum = data.length + (offset >> 8) + (offset & 0xFF) + type;
        for (byte b : data) {
            s.append(String.format("%02X", b & 0xFF));
            sum += b & 0xFF;
        }
        return s.append(String.format("%02X", -sum & 0xFF)).toString();
    }

    /** The S-record checksum of count+address+data given as hex. */
    static String checksumFor(String hex) {
        int sum = 0;
        for (int i = 0; i < hex.length(); i += 2) {
            sum += Integer.parseInt(hex.substring(i, i + 2), 16);
        }
        return String.format("%02X", ~sum & 0xFF);
    }
}
