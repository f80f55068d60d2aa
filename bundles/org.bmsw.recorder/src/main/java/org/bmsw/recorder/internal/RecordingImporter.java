package org.bmsw.recorder.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingFormatException;

/**
 * Brings a recording from another machine into the records folder under a new id. Everything is built in a
 * {@code .part} file that only becomes a recording by a rename once the whole input was read and checked, so a
 * bad file adds nothing.
 */
final class RecordingImporter {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path directory;

    RecordingImporter(Path directory) {
        this.directory = directory;
    }

    void importFile(Path source, String id) throws RecorderException {
        if (!Files.isRegularFile(source)) {
            throw new RecorderException("Cannot import " + source + ": no such file");
        }
        byte[] head = new byte[SQLITE_MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(source)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new RecorderException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        Path part = directory.resolve(id + ".part");
        try {
            if (read == head.length && Arrays.equals(head, SQLITE_MAGIC)) {
                fromSqlite(source, part);
            } else if (startsLikeJson(head, read)) {
                fromJson(source, part);
            } else {
                throw new RecordingFormatException(source.toString(), 1, 1, "",
                        "expected a JSON export (bmsw-recording/1) or a recording file (SQLite)");
            }
            Files.move(part, directory.resolve(id + RecordingDb.EXTENSION), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RecorderException("Cannot import " + source + ": " + e.getMessage(), e);
        } finally {
            deletePart(part);
        }
    }

    private static boolean startsLikeJson(byte[] head, int read) {
        for (int i = 0; i < read; i++) {
            int b = head[i] & 0xff;
            if (b == '{') {
                return true;
            }
            // white space and a UTF-8 byte order mark may precede it
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0xef && b != 0xbb && b != 0xbf) {
                return false;
            }
        }
        return read > 0;
    }

    private static void fromJson(Path source, Path part) throws RecorderException {
        String name = source.getFileName().toString();
        try (Connection c = RecordingDb.create(part, Map.of());
             SampleStore store = new SampleStore(c);
             InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16)) {
            JsonImport.Header header = new JsonImport(source.toString()).read(in, store);
            store.commit();
            RecordingDb.putMeta(c, "name", header.name());
            RecordingDb.putMeta(c, "started", header.started().toString());
            Instant stopped = header.ended() != null ? header.ended() : header.lastSample() != null ? header.lastSample() : header.started();
            RecordingDb.putMeta(c, "stopped", stopped.toString());
            RecordingDb.putMeta(c, "interval_ms", Long.toString(header.intervalMillis()));
            RecordingDb.putMeta(c, "source", "imported from " + name + (header.source().isEmpty() ? "" : " (" + header.source() + ")"));
            c.commit();
        } catch (SQLException | IOException e) {
            throw new RecorderException("Cannot import " + source + ": " + e.getMessage(), e);
        }
    }

    private static void fromSqlite(Path source, Path part) throws RecorderException {
        String where = source.toString();
        try (Connection in = RecordingDb.openRead(source)) {
            RecordingDb.checkFormat(in, where);
            try (Statement s = in.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                String verdict = r.next() ? r.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new RecordingFormatException(where, 0, 0, "", "the database is damaged: " + verdict);
                }
            }
            checkTables(in, where);
            try (Statement s = in.createStatement(); ResultSet r = s.executeQuery("SELECT id, json FROM layout")) {
                while (r.next()) {
                    LayoutJson.fromJson(r.getString(2), where + " layout " + r.getLong(1));
                }
            }
            // a consistent copy including what is still in the source's write-ahead log
            try (Statement s = in.createStatement()) {
                s.execute("VACUUM INTO '" + part.toAbsolutePath().toString().replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new RecordingFormatException(where, 0, 0, "", "cannot read it as a recording: " + e.getMessage());
        }
        try (Connection out = RecordingDb.openWrite(part)) {
            try (Statement s = out.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
            Map<String, String> meta = RecordingDb.meta(out);
            RecordingDb.putMeta(out, "source", "imported from " + source.getFileName());
            if (!meta.containsKey("stopped")) {
                try (Statement s = out.createStatement(); ResultSet r = s.executeQuery("SELECT max(t) FROM sample")) {
                    long last = r.next() && r.getObject(1) != null ? r.getLong(1) : Instant.parse(meta.get("started")).toEpochMilli();
                    RecordingDb.putMeta(out, "stopped", Instant.ofEpochMilli(last).toString());
                }
            }
            out.commit();
        } catch (SQLException | RuntimeException e) {
            throw new RecorderException("Cannot import " + source + ": " + e.getMessage(), e);
        }
    }

    /** Every table and column this version reads must be there. */
    private static void checkTables(Connection c, String where) throws RecordingFormatException {
        String[] probes = {
            "SELECT id, key, profile, model, firmware, hardware, serial, address, bootloader FROM device LIMIT 1",
            "SELECT id, device, json FROM layout LIMIT 1",
            "SELECT device, t, layout, voltage, current, soc, min_cell, max_cell, min_temp, max_temp, detail FROM sample LIMIT 1",
            "SELECT device, t, layout, flag, from_level, to_level FROM event LIMIT 1",
            "SELECT level, device, bucket, n FROM rollup LIMIT 1",
        };
        for (String probe : probes) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(probe)) {
                r.next();
            } catch (SQLException e) {
                throw new RecordingFormatException(where, 0, 0, probe.substring(probe.indexOf("FROM ") + 5, probe.indexOf(" LIMIT")),
                        "table missing or incomplete: " + e.getMessage());
            }
        }
        try {
            Map<String, String> meta = RecordingDb.meta(c);
            for (String key : new String[] {"name", "started", "interval_ms"}) {
                if (!meta.containsKey(key)) {
                    throw new RecordingFormatException(where, 0, 0, "meta." + key, "missing");
                }
            }
            Instant.parse(meta.get("started"));
            Long.parseLong(meta.get("interval_ms"));
        } catch (SQLException | RuntimeException e) {
            throw new RecordingFormatException(where, 0, 0, "meta", "unreadable: " + e.getMessage());
        }
    }

    private static void deletePart(Path part) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(part.resolveSibling(part.getFileName() + suffix));
            } catch (IOException e) {
                // a leftover .part file is ignored by list()
            }
        }
    }
}
