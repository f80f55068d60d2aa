package org.bmsw.firmware;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Memory contents to program: segments in ascending address order that never overlap.
 *
 * @param source       file name, for messages
 * @param format       what it was read from
 * @param segments     ascending, non-overlapping, never empty segments
 * @param startAddress entry point the file names (S7/S8/S9, Intel HEX 03/05); informational
 * @param header       the S-record S0 text, otherwise empty
 */
public record FirmwareImage(String source, ImageFormat format, List<Segment> segments, OptionalLong startAddress,
                            String header) implements Firmware {

    public FirmwareImage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        segments = List.copyOf(segments);
        Objects.requireNonNull(startAddress, "startAddress");
        header = Objects.requireNonNullElse(header, "");
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).length() == 0) {
                throw new IllegalArgumentException("empty segment at index " + i);
            }
            if (i > 0 && segments.get(i).address() < segments.get(i - 1).end()) {
                throw new IllegalArgumentException(segments.get(i) + " overlaps or precedes " + segments.get(i - 1));
            }
        }
    }

    @Override
    public FirmwareImage image() {
        return this;
    }

    /** Data bytes, without the gaps between segments. */
    public long totalBytes() {
        return segments.stream().mapToLong(Segment::length).sum();
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** "3 segments, 12345 bytes, 0x08004000..0x0801FFFF" */
    public String describe() {
        if (segments.isEmpty()) {
            return "no data";
        }
        long first = segments.get(0).address();
        long end = segments.get(segments.size() - 1).end();
        return segments.size() + (segments.size() == 1 ? " segment, " : " segments, ") + totalBytes() + " bytes in "
                + Segment.range(first, end - first);
    }
}
