package org.bmsw.recorder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.RecordingInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the records folder within its limits. By age: recordings that ended before the cutoff are deleted, older
 * snapshots of the others are trimmed. By size: the oldest recordings that are not running are deleted first;
 * if running ones alone are too large, their oldest part is trimmed. Trimming frees the pages (incremental
 * vacuum) so the file really shrinks.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private Retention() {
    }

    /** What one pass did: ids deleted and ids trimmed. */
    record Outcome(List<String> deleted, List<String> trimmed) {
    }

    static Outcome apply(List<RecordingInfo> recordings, Path directory, Set<String> running, Duration maxAge, long maxBytes,
                         Instant now) {
        List<String> deleted = new ArrayList<>();
        List<String> trimmed = new ArrayList<>();
        List<RecordingInfo> kept = new ArrayList<>();
        if (maxAge != null) {
            Instant cutoff = now.minus(maxAge);
            for (RecordingInfo r : recordings) {
                boolean isRunning = running.contains(r.id()) || r.state() == RecordingInfo.State.RECORDING;
                Instant end = r.ended().orElse(now);
                if (!isRunning && end.isBefore(cutoff)) {
                    if (delete(directory, r.id())) {
                        deleted.add(r.id());
                    }
                    continue;
                }
                Instant first = firstSample(r);
                if (first != null && first.isBefore(cutoff) && trim(directory, r.id(), cutoff.toEpochMilli())) {
                    if (!isRunning && isEmpty(directory, r.id())) {
                        if (delete(directory, r.id())) {
                            deleted.add(r.id());
                        }
                        continue;
                    }
                    trimmed.add(r.id());
                }
                kept.add(r);
            }
        } else {
            kept.addAll(recordings);
        }
        if (maxBytes > 0) {
            long total = 0;
            for (RecordingInfo r : kept) {
                total += size(directory, r.id());
            }
            List<RecordingInfo> oldestFirst = new ArrayList<>(kept);
            oldestFirst.sort(Comparator.comparing(RecordingInfo::started));
            for (RecordingInfo r : oldestFirst) {
                if (total <= maxBytes) {
                    break;
                }
                if (running.contains(r.id()) || r.state() == RecordingInfo.State.RECORDING) {
                    continue;
                }
                long size = size(directory, r.id());
                if (delete(directory, r.id())) {
                    deleted.add(r.id());
                    total -= size;
                }
            }
            for (RecordingInfo r : oldestFirst) {
                if (total <= maxBytes) {
                    break;
                }
                if (deleted.contains(r.id())) {
                    continue;
                }
                // the size a trim gives back is not proportional to the time cut: a few passes at most
                for (int pass = 0; pass < 4 && total > maxBytes; pass++) {
                    long[] span = timeSpan(directory, r.id());
                    if (span == null || span[1] <= span[0]) {
                        break;
                    }
                    long size = size(directory, r.id());
                    double fraction = Math.min(1.0, (double) (total - maxBytes) / size + 0.05);
                    long cutoff = span[0] + (long) ((span[1] - span[0]) * fraction);
                    if (!trim(directory, r.id(), cutoff)) {
                        break;
                    }
                    if (!trimmed.contains(r.id())) {
                        trimmed.add(r.id());
                    }
                    total -= size - size(directory, r.id());
                }
            }
        }
        if (!deleted.isEmpty() || !trimmed.isEmpty()) {
            LOG.info("Recording retention (max age {}, max {} MB): deleted {}, trimmed {}", maxAge,
                    maxBytes / (1024 * 1024), deleted, trimmed);
        }
        return new Outcome(deleted, trimmed);
    }

    private static Instant firstSample(RecordingInfo r) {
        return r.devices().stream().map(RecordedDevice::first).filter(t -> t != null).min(Comparator.naturalOrder()).orElse(null);
    }

    /** First and last sample time over all devices, ms; null without samples. */
    private static long[] timeSpan(Path directory, String id) {
        try (Connection c = RecordingDb.openRead(directory.resolve(id + RecordingDb.EXTENSION));
             Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT (SELECT min(t) FROM sample), (SELECT max(t) FROM sample)")) {
            return r.next() && r.getObject(1) != null ? new long[] {r.getLong(1), r.getLong(2)} : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static boolean isEmpty(Path directory, String id) {
        try (Connection c = RecordingDb.openRead(directory.resolve(id + RecordingDb.EXTENSION));
             Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT 1 FROM sample LIMIT 1")) {
            return !r.next();
        } catch (SQLException e) {
            return false;
        }
    }

    static long size(Path directory, String id) {
        long bytes = 0;
        for (Path p : files(directory, id)) {
            try {
                if (Files.exists(p)) {
                    bytes += Files.size(p);
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return bytes;
    }

    private static List<Path> files(Path directory, String id) {
        Path db = directory.resolve(id + RecordingDb.EXTENSION);
        return List.of(db, db.resolveSibling(db.getFileName() + "-wal"), db.resolveSibling(db.getFileName() + "-shm"));
    }

    static boolean delete(Path directory, String id) {
        try {
            for (Path p : files(directory, id)) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(RecordingLock.pathFor(directory, id));
            Files.deleteIfExists(StopRequests.pathFor(directory, id));
            return true;
        } catch (IOException e) {
            LOG.warn("Retention could not delete recording {} in {}", id, directory, e);
            return false;
        }
    }

    /** Deletes the snapshots, events and rollup buckets before {@code cutoff}; true when it worked. */
    static boolean trim(Path directory, String id, long cutoff) {
        try (Connection c = RecordingDb.openWrite(directory.resolve(id + RecordingDb.EXTENSION))) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM sample WHERE t < ?")) {
                p.setLong(1, cutoff);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM event WHERE t < ?")) {
                p.setLong(1, cutoff);
                p.executeUpdate();
            }
            for (int level = 0; level < RecordingDb.ROLLUP_MILLIS.length; level++) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM rollup WHERE level = ? AND bucket + ? <= ?")) {
                    p.setInt(1, level);
                    p.setLong(2, RecordingDb.ROLLUP_MILLIS[level]);
                    p.setLong(3, cutoff);
                    p.executeUpdate();
                }
                Rollup.rebuildBucketAt(c, level, cutoff);
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // the pragma frees one page per step; sqlite-jdbc's executeUpdate(String) runs it to the end
                s.executeUpdate("PRAGMA incremental_vacuum");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return true;
        } catch (SQLException e) {
            LOG.warn("Retention could not trim recording {} in {} before {}", id, directory, Instant.ofEpochMilli(cutoff), e);
            return false;
        }
    }
}
