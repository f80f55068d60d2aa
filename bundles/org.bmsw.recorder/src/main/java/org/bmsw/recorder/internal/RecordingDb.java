package org.bmsw.recorder.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.bmsw.recorder.Metric;
import org.bmsw.recorder.RecordingFormatException;
import org.sqlite.SQLiteConfig;

/**
 * One recording is one SQLite file in WAL mode: a commit is durable against a killed process at once, and a
 * crash at any moment leaves the file consistent up to the last commit. Readers run beside the writer.
 *
 * <p>Tables: {@code meta} (format, name, times, interval), {@code device}, {@code layout} (a device's
 * structure as JSON), {@code sample} (time, the pack values charts and cycle analysis scan, the rest as a
 * {@link SampleCodec} blob), {@code event} (flag changes), {@code rollup} (min / max / sum / count per metric
 * in 10 s and 10 min buckets, kept by the writer, so a month charts from a few thousand rows).
 */
final class RecordingDb {

    static final String FORMAT = "bmsw-recording/1";
    static final String EXTENSION = ".sqlite";
    /** Bucket widths of the rollup levels, ms, finest first. */
    static final long[] ROLLUP_MILLIS = {10_000, 600_000};

    private RecordingDb() {
    }

    static Connection create(Path file, Map<String, String> meta) throws SQLException {
        Connection c = connect(file, false, false);
        try (Statement s = c.createStatement()) {
            // before WAL mode and the first table, which both write the header: lets retention give deleted pages
            // back to the file system
            s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            s.execute("PRAGMA journal_mode = WAL");
            // one transaction: a reader sees no tables or all of them
            c.setAutoCommit(false);
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE device (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, profile TEXT NOT NULL, "
                    + "model TEXT NOT NULL, firmware TEXT NOT NULL, hardware TEXT NOT NULL, serial TEXT NOT NULL, "
                    + "address INTEGER NOT NULL, bootloader INTEGER NOT NULL)");
            s.execute("CREATE TABLE layout (id INTEGER PRIMARY KEY, device INTEGER NOT NULL, json TEXT NOT NULL)");
            s.execute("CREATE TABLE sample (device INTEGER NOT NULL, t INTEGER NOT NULL, layout INTEGER NOT NULL, "
                    + "voltage REAL, current REAL, soc REAL, min_cell REAL, max_cell REAL, min_temp REAL, max_temp REAL, "
                    + "detail BLOB NOT NULL)");
            s.execute("CREATE INDEX sample_by_time ON sample (device, t)");
            s.execute("CREATE TABLE event (device INTEGER NOT NULL, t INTEGER NOT NULL, layout INTEGER NOT NULL, "
                    + "flag INTEGER NOT NULL, from_level INTEGER NOT NULL, to_level INTEGER NOT NULL)");
            s.execute("CREATE INDEX event_by_time ON event (device, t)");
            StringBuilder rollup = new StringBuilder("CREATE TABLE rollup (level INTEGER NOT NULL, device INTEGER NOT NULL, "
                    + "bucket INTEGER NOT NULL, n INTEGER NOT NULL");
            for (Metric m : Metric.values()) {
                String col = column(m);
                rollup.append(", ").append(col).append("_min REAL, ").append(col).append("_max REAL, ")
                        .append(col).append("_sum REAL NOT NULL, ").append(col).append("_n INTEGER NOT NULL");
            }
            s.execute(rollup.append(", PRIMARY KEY (level, device, bucket)) WITHOUT ROWID").toString());
        }
        putMeta(c, "format", FORMAT);
        for (Map.Entry<String, String> e : meta.entrySet()) {
            putMeta(c, e.getKey(), e.getValue());
        }
        c.commit();
        return c;
    }

    static Connection openWrite(Path file) throws SQLException {
        Connection c = connect(file, false, true);
        c.setAutoCommit(false);
        return c;
    }

    static Connection openRead(Path file) throws SQLException {
        return connect(file, true, false);
    }

    private static Connection connect(Path file, boolean readOnly, boolean wal) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (wal) {
            // not for read-only connections, which cannot switch a file to WAL (they read whatever mode it is in),
            // nor on creation, where auto_vacuum has to come first
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        // NORMAL in WAL mode: a killed process loses nothing committed; a power cut may lose the last commits,
        // never the file
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        if (!readOnly) {
            // checkpoint (and fsync) every ~40 MB of log instead of every 4 MB: measured 25 % faster ingest
            config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "10000");
        }
        config.setReadOnly(readOnly);
        if (!readOnly && !Files.exists(file.getParent())) {
            throw new SQLException("the folder " + file.getParent() + " does not exist");
        }
        // not through DriverManager: inside OSGi it does not see the driver of another bundle
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** The column prefix of a metric in the rollup table. */
    static String column(Metric m) {
        return m.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The metric computed from a sample row's columns. */
    static String sampleExpression(Metric m) {
        return switch (m) {
            case VOLTAGE -> "voltage";
            case CURRENT -> "current";
            case POWER -> "voltage * current";
            case SOC -> "soc";
            case MIN_CELL -> "min_cell";
            case MAX_CELL -> "max_cell";
            case CELL_SPREAD -> "max_cell - min_cell";
            case MAX_TEMPERATURE -> "max_temp";
            case MIN_TEMPERATURE -> "min_temp";
        };
    }

    static void putMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    static Map<String, String> meta(Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM meta")) {
            while (r.next()) {
                meta.put(r.getString(1), r.getString(2));
            }
        }
        return meta;
    }

    /** Fails unless {@code c} is a recording of a format this version reads. */
    static Map<String, String> checkFormat(Connection c, String where) throws RecordingFormatException {
        Map<String, String> meta;
        try {
            meta = meta(c);
        } catch (SQLException e) {
            throw new RecordingFormatException(where, 0, 0, "", "not a BMS Workbench recording (" + e.getMessage() + ")");
        }
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new RecordingFormatException(where, 0, 0, "meta.format",
                    "expected format " + FORMAT + ", found " + (format == null ? "none" : format));
        }
        return meta;
    }

    /**
     * First and last sample time of a device, ms, through the time index; null without samples. (One query with
     * both min(t) and max(t) would scan every row of the device: SQLite's index shortcut takes only one of them.)
     */
    static long[] timeSpan(Connection c, long device) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT (SELECT min(t) FROM sample WHERE device = ?1), "
                + "(SELECT max(t) FROM sample WHERE device = ?1)")) {
            p.setLong(1, device);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getObject(1) != null ? new long[] {r.getLong(1), r.getLong(2)} : null;
            }
        }
    }

    /** A double column that may be NULL (SQLite stores NaN as NULL). */
    static double real(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    /** Binds a double, NaN as NULL. */
    static void real(PreparedStatement p, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            p.setNull(index, java.sql.Types.REAL);
        } else {
            p.setDouble(index, value);
        }
    }
}
