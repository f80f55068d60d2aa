package org.bmsw.recorder.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bmsw.device.api.CellVoltage;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.Temperature;
import org.bmsw.recorder.Metric;

/**
 * Appends snapshots to a recording file: sample rows, a new layout row when a device's structure changes, an
 * event row per alarm / protection / fault flag change, and the rollups. Nothing is visible to readers until
 * {@link #commit()}. Single-threaded: the recording's writer thread, or an import.
 */
final class SampleStore implements AutoCloseable {

    /** Rows held in a JDBC batch before they go to SQLite (still inside the transaction). */
    private static final int BATCH_ROWS = 2_000;

    private final Connection connection;
    private final PreparedStatement insertSample;
    private final PreparedStatement insertEvent;
    private final PreparedStatement upsertRollup;
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final double[] metrics = new double[Metric.values().length];
    private int batched;
    private long appended;

    private static final class DeviceState {
        final long id;
        long layoutId;
        DeviceLayout layout;
        int[] levels;
        final Rollup[] rollups = new Rollup[RecordingDb.ROLLUP_MILLIS.length];

        DeviceState(long id) {
            this.id = id;
            for (int i = 0; i < rollups.length; i++) {
                rollups[i] = new Rollup(i);
            }
        }
    }

    SampleStore(Connection connection) throws SQLException {
        this.connection = connection;
        this.insertSample = connection.prepareStatement("INSERT INTO sample (device, t, layout, voltage, current, soc, "
                + "min_cell, max_cell, min_temp, max_temp, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertEvent = connection.prepareStatement("INSERT INTO event (device, t, layout, flag, from_level, to_level) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
        this.upsertRollup = connection.prepareStatement(Rollup.UPSERT);
    }

    /** Snapshots appended since this store was opened. */
    long appended() {
        return appended;
    }

    void append(String deviceKey, Telemetry t) throws SQLException {
        DeviceState d = devices.get(deviceKey);
        if (d == null) {
            d = new DeviceState(insertDevice(deviceKey, t.identity()));
            devices.put(deviceKey, d);
        }
        if (d.layout == null || !d.layout.fits(t)) {
            d.layout = DeviceLayout.of(t);
            d.layoutId = insertLayout(d.id, d.layout);
            // a new structure starts from "nothing active": flags active in it are events again
            d.levels = new int[d.layout.flagCount()];
        }
        long time = t.time().toEpochMilli();
        double minCell = Double.NaN;
        double maxCell = Double.NaN;
        // from the float32 values the blob keeps, so these columns agree with the cells read back
        for (CellVoltage c : t.cells()) {
            double v = (float) c.volts();
            if (!Double.isNaN(v)) {
                if (!(v >= minCell)) {
                    minCell = v;
                }
                if (!(v <= maxCell)) {
                    maxCell = v;
                }
            }
        }
        double minTemp = Double.NaN;
        double maxTemp = Double.NaN;
        for (Temperature p : t.temperatures()) {
            double v = (float) p.celsius();
            if (p.fitted() && !Double.isNaN(v)) {
                if (!(v >= minTemp)) {
                    minTemp = v;
                }
                if (!(v <= maxTemp)) {
                    maxTemp = v;
                }
            }
        }
        double voltage = t.pack().voltage();
        double current = t.pack().current();
        byte[] blob = SampleCodec.encode(t);
        insertSample.setLong(1, d.id);
        insertSample.setLong(2, time);
        insertSample.setLong(3, d.layoutId);
        RecordingDb.real(insertSample, 4, voltage);
        RecordingDb.real(insertSample, 5, current);
        RecordingDb.real(insertSample, 6, t.pack().socPercent());
        RecordingDb.real(insertSample, 7, minCell);
        RecordingDb.real(insertSample, 8, maxCell);
        RecordingDb.real(insertSample, 9, minTemp);
        RecordingDb.real(insertSample, 10, maxTemp);
        insertSample.setBytes(11, blob);
        insertSample.addBatch();

        recordFlagChanges(d, time, t);

        metrics[Metric.VOLTAGE.ordinal()] = voltage;
        metrics[Metric.CURRENT.ordinal()] = current;
        metrics[Metric.POWER.ordinal()] = voltage * current;
        metrics[Metric.SOC.ordinal()] = t.pack().socPercent();
        metrics[Metric.MIN_CELL.ordinal()] = minCell;
        metrics[Metric.MAX_CELL.ordinal()] = maxCell;
        metrics[Metric.CELL_SPREAD.ordinal()] = maxCell - minCell;
        metrics[Metric.MAX_TEMPERATURE.ordinal()] = maxTemp;
        metrics[Metric.MIN_TEMPERATURE.ordinal()] = minTemp;
        for (Rollup r : d.rollups) {
            r.add(time, metrics, upsertRollup, d.id);
        }
        appended++;
        if (++batched >= BATCH_ROWS) {
            executeBatches();
        }
    }

    private void recordFlagChanges(DeviceState d, long time, Telemetry t) throws SQLException {
        int flat = 0;
        List<org.bmsw.device.api.FlagGroup> groups = t.flags();
        for (org.bmsw.device.api.FlagGroup g : groups) {
            for (org.bmsw.device.api.Flag f : g.flags()) {
                int level = f.level();
                if (level != d.levels[flat] && f.severity() != Severity.NORMAL) {
                    insertEvent.setLong(1, d.id);
                    insertEvent.setLong(2, time);
                    insertEvent.setLong(3, d.layoutId);
                    insertEvent.setInt(4, flat);
                    insertEvent.setInt(5, d.levels[flat]);
                    insertEvent.setInt(6, level);
                    insertEvent.addBatch();
                }
                d.levels[flat] = level;
                flat++;
            }
        }
    }

    /** Makes everything appended so far durable and visible, with the partial rollup buckets. */
    void commit() throws SQLException {
        for (DeviceState d : devices.values()) {
            for (Rollup r : d.rollups) {
                r.flush(upsertRollup, d.id);
            }
        }
        executeBatches();
        connection.commit();
    }

    private void executeBatches() throws SQLException {
        insertSample.executeBatch();
        insertEvent.executeBatch();
        upsertRollup.executeBatch();
        batched = 0;
    }

    private long insertDevice(String key, DeviceIdentity id) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO device (key, profile, model, firmware, hardware, "
                + "serial, address, bootloader) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, key);
            p.setString(2, id.profileId());
            p.setString(3, id.model());
            p.setString(4, id.firmwareVersion());
            p.setString(5, id.hardwareRevision());
            p.setString(6, id.serialNumber());
            p.setInt(7, id.address());
            p.setInt(8, id.inBootloader() ? 1 : 0);
            p.executeUpdate();
            return generatedKey(p);
        }
    }

    private long insertLayout(long device, DeviceLayout layout) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO layout (device, json) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, device);
            p.setString(2, LayoutJson.toJson(layout));
            p.executeUpdate();
            return generatedKey(p);
        }
    }

    private static long generatedKey(PreparedStatement p) throws SQLException {
        try (ResultSet keys = p.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("SQLite gave no row id");
            }
            return keys.getLong(1);
        }
    }

    /** Closes the statements; the connection stays with its owner. Uncommitted rows are rolled back. */
    @Override
    public void close() throws SQLException {
        insertSample.close();
        insertEvent.close();
        upsertRollup.close();
    }
}
