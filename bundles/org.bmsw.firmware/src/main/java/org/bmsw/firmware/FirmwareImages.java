package org.bmsw.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.bmsw.firmware.internal.FpCodec;
import org.bmsw.firmware.internal.IntelHexReader;
import org.bmsw.firmware.internal.IntelHexWriter;
import org.bmsw.firmware.internal.SRecordReader;
import org.bmsw.firmware.internal.SRecordWriter;
import org.bmsw.firmware.internal.TextFiles;

/** Reads firmware files in every supported format, and writes images as S-record, Intel HEX or binary. */
public final class FirmwareImages {

    /** Larger files are no BMS firmware. */
    public static final long MAX_FILE_BYTES = 128L << 20;

    private FirmwareImages() {
    }

    /** Reads a file whose format follows from its content (FP magic, 'S' or ':' records). */
    public static Firmware read(Path file) throws IOException, ImageFormatException {
        return read(file, Optional.empty(), OptionalLong.empty());
    }

    /**
     * Reads a file.
     *
     * @param format      the format, or empty to tell it from the content and then the file name
     * @param baseAddress where a raw binary goes; required for binaries, refused for the other formats
     */
    public static Firmware read(Path file, Optional<ImageFormat> format, OptionalLong baseAddress)
            throws IOException, ImageFormatException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw ImageFormatException.ofFile(source, size + " bytes is more than any BMS firmware (" + (MAX_FILE_BYTES >> 20) + " MiB)");
        }
        return parse(source, Files.readAllBytes(file), format, baseAddress);
    }

    /** Reads file contents already in memory; {@code source} names it in messages. */
    public static Firmware parse(String source, byte[] bytes, Optional<ImageFormat> format, OptionalLong baseAddress)
            throws ImageFormatException {
        ImageFormat actual = format.isPresent() ? format.get() : detect(source, bytes, baseAddress);
        if (baseAddress.isPresent() && actual != ImageFormat.BINARY) {
            throw ImageFormatException.ofFile(source, "a base address is only for raw binaries; this is " + actual
                    + " and carries its own addresses");
        }
        return switch (actual) {
            case FP -> FpCodec.read(source, bytes);
            case SREC -> SRecordReader.read(source, text(source, bytes));
            case INTEL_HEX -> IntelHexReader.read(source, text(source, bytes));
            case BINARY -> binary(source, bytes, baseAddress.orElseThrow(() -> ImageFormatException.ofFile(source,
                    "a raw binary needs the base address it is programmed at")));
        };
    }

    /** Raw bytes placed at {@code baseAddress}. */
    public static FirmwareImage binary(String source, byte[] bytes, long baseAddress) throws ImageFormatException {
        if (baseAddress < 0 || baseAddress + bytes.length > 0x1_0000_0000L) {
            throw ImageFormatException.ofFile(source, String.format("%d bytes at base address 0x%X do not fit 32-bit addresses",
                    bytes.length, baseAddress));
        }
        return new FirmwareImage(source, ImageFormat.BINARY, bytes.length == 0 ? List.of() : List.of(new Segment(baseAddress, bytes)),
                OptionalLong.empty(), "");
    }

    public static String toSRecord(FirmwareImage image) {
        return SRecordWriter.write(image);
    }

    public static String toIntelHex(FirmwareImage image) {
        return IntelHexWriter.write(image);
    }

    /** The bytes from the lowest to the highest address, gaps filled with {@code fill} (0xFF is erased flash). */
    public static byte[] toBinary(FirmwareImage image, byte fill) {
        if (image.isEmpty()) {
            return new byte[0];
        }
        long first = image.segments().get(0).address();
        long end = image.segments().get(image.segments().size() - 1).end();
        if (end - first > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("the image spans " + (end - first) + " bytes; a binary that large is no firmware");
        }
        byte[] out = new byte[(int) (end - first)];
        java.util.Arrays.fill(out, fill);
        for (Segment segment : image.segments()) {
            System.arraycopy(segment.data(), 0, out, (int) (segment.address() - first), segment.length());
        }
        return out;
    }

    private static ImageFormat detect(String source, byte[] bytes, OptionalLong baseAddress) throws ImageFormatException {
        if (FpCodec.hasMagic(bytes)) {
            return ImageFormat.FP;
        }
        Optional<ImageFormat> records = recordText(bytes);
        if (records.isPresent()) {
            return records.get(); // whatever the name says: a binary is never all text starting with a record
        }
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".fp") || name.endsWith(".fpk")) {
            return ImageFormat.FP; // the reader explains what the magic should have been
        }
        if (baseAddress.isPresent() || name.endsWith(".bin")) {
            return ImageFormat.BINARY;
        }
        if (name.matches(".*\\.(hex|ihex|ihx)$")) {
            return ImageFormat.INTEL_HEX; // not text: the reader names the first bad byte
        }
        if (name.matches(".*\\.(s19|s28|s37|srec|mot|sx)$")) {
            return ImageFormat.SREC;
        }
        throw ImageFormatException.atOffset(source, 0, "not an FP package, S-record or Intel HEX file; a raw binary needs a base address");
    }

    /** S-record or Intel HEX when every byte is text and the first record starts like one. */
    private static Optional<ImageFormat> recordText(byte[] bytes) {
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) {
            first++;
        }
        if (first + 1 >= bytes.length) {
            return Optional.empty();
        }
        for (byte b : bytes) {
            if (b < 0 || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
                return Optional.empty();
            }
        }
        if (bytes[first] == 'S' && Character.isDigit(bytes[first + 1])) {
            return Optional.of(ImageFormat.SREC);
        }
        return bytes[first] == ':' ? Optional.of(ImageFormat.INTEL_HEX) : Optional.empty();
    }

    private static String text(String source, byte[] bytes) throws ImageFormatException {
        return TextFiles.ascii(source, bytes);
    }
}
