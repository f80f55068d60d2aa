package org.bmsw.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.function.Executable;

/** The files in src/test/resources/images and helpers shared by the tests. */
final class Fixtures {

    static final long APP_BASE = 0x0800_4000L;

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                fail("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }

    static Firmware parse(String name, String content) throws ImageFormatException {
        return FirmwareImages.parse(name, content.getBytes(StandardCharsets.ISO_8859_1), Optional.empty(), OptionalLong.empty());
    }

    static FirmwareImage image(String name) throws ImageFormatException {
        return FirmwareImages.parse(name, bytes(name), Optional.empty(), OptionalLong.empty()).image();
    }

    /** One segment holding {@code data} at {@code address}. */
    static void assertSingle(FirmwareImage image, long address, byte[] data) {
        assertEquals(List.of(new Segment(address, data)), image.segments(), image.describe());
    }

    /** The exception, checked for its line (0 = none) and words in its message. */
    static ImageFormatException assertMalformed(Executable read, int line, String... words) {
        ImageFormatException e = assertThrows(ImageFormatException.class, read);
        assertEquals(line, e.line(), e.getMessage());
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), () -> "'" + word + "' missing from: " + e.getMessage());
        }
        return e;
    }

    /** Runs a program nobody here wrote (objcopy, openssl); fails the test on a non-zero exit. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " is needed (Debian: binutils for objcopy, openssl): " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
