package org.bmsw.simulator.device;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

/**
 * Application images a simulated device can run. A simulated application says which version it is with the text
 * {@value #VERSION_MARKER}{@code <version>} and a NUL somewhere in its image (a real firmware keeps such a version in
 * an info block the same way); the device reports that version in its telemetry once the image runs. An image
 * without the marker runs as version {@value #UNKNOWN_VERSION}.
 */
public final class SimulatedFirmware {

    public static final String VERSION_MARKER = "BMSW-APP-VERSION=";
    /** What a device reports for an image that does not declare its version. */
    public static final String UNKNOWN_VERSION = "0-0-0";
    /** Where {@link #image} puts the marker: after a vector table, as an application info block would sit. */
    static final int MARKER_OFFSET = 0x100;

    private static final byte[] MARKER = VERSION_MARKER.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_VERSION_CHARS = 32;

    private SimulatedFirmware() {
    }

    /**
     * An image of {@code size} bytes declaring {@code version}: bytes that look like code (the same for the same
     * version and size), the marker at offset 0x100.
     *
     * @throws IllegalArgumentException when the image is too small for the marker or the version is not printable
     */
    public static byte[] image(String version, int size) {
        byte[] declaration = (VERSION_MARKER + version + "\0").getBytes(StandardCharsets.US_ASCII);
        if (version.isEmpty() || version.length() > MAX_VERSION_CHARS || !version.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a simulated firmware version is 1.." + MAX_VERSION_CHARS
                    + " printable characters without spaces: '" + version + "'");
        }
        if (size < MARKER_OFFSET + declaration.length) {
            throw new IllegalArgumentException("an image of " + size + " bytes cannot hold the version marker at 0x"
                    + Integer.toHexString(MARKER_OFFSET) + "; use at least " + (MARKER_OFFSET + declaration.length));
        }
        byte[] image = new byte[size];
        new Random(version.hashCode() * 31L + size).nextBytes(image);
        System.arraycopy(declaration, 0, image, MARKER_OFFSET, declaration.length);
        return image;
    }

    /** The version {@code image} declares; empty when it has no complete marker. */
    public static Optional<String> version(byte[] image) {
        outer:
        for (int at = 0; at + MARKER.length < image.length; at++) {
            for (int i = 0; i < MARKER.length; i++) {
                if (image[at + i] != MARKER[i]) {
                    continue outer;
                }
            }
            int start = at + MARKER.length;
            for (int end = start; end < image.length && end - start <= MAX_VERSION_CHARS; end++) {
                if (image[end] == 0) {
                    return end == start ? Optional.empty()
                            : Optional.of(new String(image, start, end - start, StandardCharsets.US_ASCII));
                }
            }
        }
        return Optional.empty();
    }
}
