package org.bmsw.recorder.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marks a recording as being written: an OS lock on {@code <id>.lock} beside the file (not on the SQLite file, whose
 * own POSIX locks a second lock on it would disturb). The OS drops it when the writing process dies, so a recording
 * without a stop time whose lock is free was interrupted.
 *
 * <p>The locks this process holds are also kept in a set, and {@link #isHeld} answers from it without touching their
 * files: on Linux (POSIX record locks) closing any channel on a locked file drops the process's lock on it.
 */
final class RecordingLock implements AutoCloseable {

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private RecordingLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    static Path pathFor(Path directory, String id) {
        return directory.resolve(id + ".lock");
    }

    /** Takes the lock; fails when another process (or this one) holds it. */
    static RecordingLock acquire(Path directory, String id) throws IOException {
        Path path = pathFor(directory, id);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("the recording " + id + " is being written by another program");
            }
            HELD_HERE.add(key(path));
            return new RecordingLock(path, channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("the recording " + id + " is already being written", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** True when some process holds the lock of recording {@code id} (this one included). */
    static boolean isHeld(Path directory, String id) {
        Path path = pathFor(directory, id);
        if (HELD_HERE.contains(key(path))) {
            return true;
        }
        if (!Files.exists(path)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_HERE.remove(key(path));
            Files.deleteIfExists(path);
        }
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
