package org.bmsw.recorder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asks the program that writes a recording to stop it: an empty file {@code <id>.stop} beside the recording, which
 * that program's recorder looks for every {@link #CHECK_MILLIS} ms. A file rather than a signal to a process id,
 * because the writer may be a program that must keep running (the window, a Gogo shell doing other work), because
 * it works alike on every operating system, and because a recording's lock already tells whether its writer is alive.
 */
final class StopRequests {

    static final long CHECK_MILLIS = 200;

    private StopRequests() {
    }

    static Path pathFor(Path directory, String id) {
        return directory.resolve(id + ".stop");
    }

    static void request(Path directory, String id) throws IOException {
        Path path = pathFor(directory, id);
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
    }

    static boolean requested(Path directory, String id) {
        return Files.exists(pathFor(directory, id));
    }

    static void clear(Path directory, String id) {
        try {
            Files.deleteIfExists(pathFor(directory, id));
        } catch (IOException e) {
            // a stale request names a recording that no longer runs: harmless
        }
    }
}
