package org.bmsw.recorder.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.recorder.CapacityTrend;
import org.bmsw.recorder.Cycle;
import org.bmsw.recorder.CycleOptions;
import org.bmsw.recorder.FlagEvent;
import org.bmsw.recorder.Metric;
import org.bmsw.recorder.RecordedDevice;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingFormatException;
import org.bmsw.recorder.RecordingInfo;
import org.bmsw.recorder.Series;

/** Reads one recording file through its own read-only connection, beside a writer if the recording runs. */
final class RecordingReader implements Recording {

    private final String id;
    private final Path file;
    private final Connection connection;
    private final CycleOptions defaults;
    private final Map<String, Long> deviceIds = new LinkedHashMap<>();
    private final Map<Long, String> deviceKeys = new HashMap<>();
    private final Map<Long, DeviceIdentity> identities = new HashMap<>();
    private final Map<Long, DeviceLayout> layouts = new HashMap<>();
    /** The last cycle analysis: the capacity trend after the cycle table needs the same pass. */
    private CycleKey analysed;
    private List<Cycle> analysedCycles;

    /** An analysis is the same while the device's snapshots span the same times (new ones come later, trims earlier). */
    private record CycleKey(long device, CycleOptions options, long first, long last) {
    }

    RecordingReader(String id, Path file, CycleOptions defaults) throws RecorderException {
        this.id = id;
        this.file = file;
        this.defaults = defaults;
        try {
            this.connection = RecordingDb.openRead(file);
        } catch (SQLException e) {
            throw new RecorderException("Cannot open recording " + id + " (" + file + "): " + e.getMessage(), e);
        }
        try {
            RecordingDb.checkFormat(connection, file.toString());
            loadDevices();
        } catch (RecorderException | RuntimeException e) {
            close();
            throw e;
        } catch (SQLException e) {
            close();
            throw new RecorderException("Cannot read recording " + id + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private void loadDevices() throws SQLException {
        deviceIds.clear();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT id, key, profile, model, firmware, hardware, serial, address, bootloader FROM device ORDER BY id")) {
            while (r.next()) {
                long dbId = r.getLong(1);
                deviceIds.put(r.getString(2), dbId);
                deviceKeys.put(dbId, r.getString(2));
                identities.put(dbId, new DeviceIdentity(r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getInt(8), r.getInt(9) != 0));
            }
        }
    }

    Connection connection() {
        return connection;
    }

    String id() {
        return id;
    }

    @Override
    public RecordingInfo info() throws RecorderException {
        try {
            loadDevices();
            Map<String, String> meta = RecordingDb.meta(connection);
            List<RecordedDevice> devices = new ArrayList<>();
            long total = 0;
            Instant last = null;
            for (Map.Entry<String, Long> d : deviceIds.entrySet()) {
                RecordedDevice device = device(d.getKey(), d.getValue());
                devices.add(device);
                total += device.samples();
                if (device.last() != null && (last == null || device.last().isAfter(last))) {
                    last = device.last();
                }
            }
            Instant started = Instant.parse(meta.getOrDefault("started", Instant.EPOCH.toString()));
            RecordingInfo.State state;
            Optional<Instant> ended;
            if (meta.containsKey("stopped")) {
                state = RecordingInfo.State.FINISHED;
                ended = Optional.of(Instant.parse(meta.get("stopped")));
            } else if (RecordingLock.isHeld(file.getParent(), id)) {
                state = RecordingInfo.State.RECORDING;
                ended = Optional.empty();
            } else {
                state = RecordingInfo.State.INTERRUPTED;
                ended = Optional.of(last == null ? started : last);
            }
            return new RecordingInfo(id, meta.getOrDefault("name", id), started, ended, state,
                    Duration.ofMillis(Long.parseLong(meta.getOrDefault("interval_ms", "0"))), devices, total, size(),
                    meta.getOrDefault("source", "recorded"));
        } catch (SQLException | RuntimeException e) {
            throw new RecorderException("Cannot read recording " + id + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private RecordedDevice device(String key, long dbId) throws SQLException {
        long samples = 0;
        try (PreparedStatement p = connection.prepareStatement("SELECT coalesce(sum(n), 0) FROM rollup WHERE level = ? AND device = ?")) {
            p.setInt(1, RecordingDb.ROLLUP_MILLIS.length - 1);
            p.setLong(2, dbId);
            try (ResultSet r = p.executeQuery()) {
                samples = r.next() ? r.getLong(1) : 0;
            }
        }
        long[] span = RecordingDb.timeSpan(connection, dbId);
        return new RecordedDevice(key, identities.get(dbId), samples, span == null ? null : Instant.ofEpochMilli(span[0]),
                span == null ? null : Instant.ofEpochMilli(span[1]));
    }

    private long size() {
        long bytes = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                Path p = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(p)) {
                    bytes += Files.size(p);
                }
            } catch (IOException e) {
                // a file that vanished between exists and size adds nothing
            }
        }
        return bytes;
    }

    List<String> deviceKeys() {
        return List.copyOf(deviceIds.keySet());
    }

    long deviceId(String key) throws RecorderException {
        Long dbId = deviceIds.get(key);
        if (dbId == null) {
            try {
                loadDevices();
            } catch (SQLException e) {
                throw new RecorderException("Cannot read recording " + id + ": " + e.getMessage(), e);
            }
            dbId = deviceIds.get(key);
        }
        if (dbId == null) {
            throw new RecorderException("Recording " + id + " has no device '" + key + "'; it has "
                    + (deviceIds.isEmpty() ? "none" : String.join(", ", deviceIds.keySet())));
        }
        return dbId;
    }

    String deviceKey(long dbId) {
        return deviceKeys.get(dbId);
    }

    DeviceIdentity identity(String key) throws RecorderException {
        return identities.get(deviceId(key));
    }

    DeviceLayout layout(long layoutId) throws SQLException, RecordingFormatException {
        DeviceLayout layout = layouts.get(layoutId);
        if (layout == null) {
            try (PreparedStatement p = connection.prepareStatement("SELECT json FROM layout WHERE id = ?")) {
                p.setLong(1, layoutId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new RecordingFormatException(file.toString(), 0, 0, "layout", "layout " + layoutId + " is missing");
                    }
                    layout = LayoutJson.fromJson(r.getString(1), file + " layout " + layoutId);
                }
            }
            layouts.put(layoutId, layout);
        }
        return layout;
    }

    /** Layouts of every device, for exports that need the widest column set. */
    Map<Long, DeviceLayout> allLayouts() throws SQLException, RecordingFormatException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM layout ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        Map<Long, DeviceLayout> all = new LinkedHashMap<>();
        for (long layoutId : ids) {
            all.put(layoutId, layout(layoutId));
        }
        return all;
    }

    /** Layout ids by device id, in order. */
    Map<Long, List<Long>> layoutsByDevice() throws SQLException {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT id, device FROM layout ORDER BY id")) {
            while (r.next()) {
                out.computeIfAbsent(r.getLong(2), k -> new ArrayList<>()).add(r.getLong(1));
            }
        }
        return out;
    }

    /** Raw sample rows of a device, in time order: what exports and replays stream. */
    interface RowAction {
        void row(long time, long layoutId, Telemetry telemetry) throws RecorderException;
    }

    void forEachRow(String device, long from, long to, RowAction action) throws RecorderException {
        long dbId = deviceId(device);
        DeviceIdentity identity = identities.get(dbId);
        try (PreparedStatement p = connection.prepareStatement("SELECT t, layout, voltage, current, soc, detail FROM sample "
                + "WHERE device = ? AND t >= ? AND t < ? ORDER BY t")) {
            p.setLong(1, dbId);
            p.setLong(2, from);
            p.setLong(3, to);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long time = r.getLong(1);
                    long layoutId = r.getLong(2);
                    Telemetry t = SampleCodec.decode(Instant.ofEpochMilli(time), identity, layout(layoutId),
                            RecordingDb.real(r, 3), RecordingDb.real(r, 4), RecordingDb.real(r, 5), r.getBytes(6));
                    action.row(time, layoutId, t);
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw new RecorderException("Cannot read the snapshots of " + device + " in recording " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forEachSample(String device, Instant from, Instant to, Consumer<Telemetry> action) throws RecorderException {
        forEachRow(device, millis(from, Long.MIN_VALUE), millis(to, Long.MAX_VALUE), (time, layout, t) -> action.accept(t));
    }

    @Override
    public List<Telemetry> samples(String device, Instant from, Instant to) throws RecorderException {
        List<Telemetry> out = new ArrayList<>();
        forEachSample(device, from, to, out::add);
        return out;
    }

    static long millis(Instant t, long otherwise) {
        return t == null ? otherwise : t.toEpochMilli();
    }

    @Override
    public List<Cycle> cycles(String device) throws RecorderException {
        return cycles(device, defaults);
    }

    @Override
    public CycleOptions cycleOptions() {
        return defaults;
    }

    @Override
    public List<Cycle> cycles(String device, CycleOptions options) throws RecorderException {
        long dbId = deviceId(device);
        CycleKey key;
        try {
            long[] span = RecordingDb.timeSpan(connection, dbId);
            key = new CycleKey(dbId, options, span == null ? 0 : span[0], span == null ? 0 : span[1]);
        } catch (SQLException e) {
            throw new RecorderException("Cannot analyse the cycles of " + device + " in recording " + id + ": " + e.getMessage(), e);
        }
        if (!key.equals(analysed)) {
            analysedCycles = analyse(device, dbId, options);
            analysed = key;
        }
        return analysedCycles;
    }

    private List<Cycle> analyse(String device, long dbId, CycleOptions options) throws RecorderException {
        CycleAnalyzer analyzer = new CycleAnalyzer(device, options);
        List<FlagEvent> events = eventsOf(dbId);
        Map<String, Integer> active = new HashMap<>();
        Set<String> protections = new HashSet<>();
        Set<String> alarms = new HashSet<>();
        int next = 0;
        try (PreparedStatement p = connection.prepareStatement("SELECT t, current, voltage, soc, min_cell, max_cell, max_temp "
                + "FROM sample WHERE device = ? ORDER BY t")) {
            p.setLong(1, dbId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long time = r.getLong(1);
                    if (next < events.size() && events.get(next).time().toEpochMilli() <= time) {
                        while (next < events.size() && events.get(next).time().toEpochMilli() <= time) {
                            FlagEvent e = events.get(next++);
                            if (e.toLevel() == 0) {
                                active.remove(e.key());
                            } else {
                                active.put(e.key(), e.severity() == Severity.FAULT ? 1 : 0);
                            }
                        }
                        protections.clear();
                        alarms.clear();
                        active.forEach((key, fault) -> (fault == 1 ? protections : alarms).add(key));
                    }
                    analyzer.accept(time, RecordingDb.real(r, 2), RecordingDb.real(r, 3), RecordingDb.real(r, 4),
                            RecordingDb.real(r, 5), RecordingDb.real(r, 6), RecordingDb.real(r, 7), protections, alarms);
                }
            }
        } catch (SQLException e) {
            throw new RecorderException("Cannot analyse the cycles of " + device + " in recording " + id + ": " + e.getMessage(), e);
        }
        return analyzer.result();
    }

    @Override
    public CapacityTrend capacityTrend(String device, CycleOptions options) throws RecorderException {
        List<Cycle> cycles = cycles(device, options);
        double nominal = options.nominalCapacityAh();
        if (nominal <= 0) {
            nominal = Double.NaN;
            Optional<Telemetry> first = firstSample(device);
            if (first.isPresent()) {
                double fcc = first.get().pack().fullChargeCapacity();
                double soh = first.get().pack().sohPercent();
                if (fcc > 0 && soh > 0) {
                    nominal = fcc / (soh / 100);
                } else if (fcc > 0) {
                    nominal = fcc;
                }
            }
        }
        return CycleAnalyzer.capacityTrend(device, cycles, options, nominal);
    }

    Optional<Telemetry> firstSample(String device) throws RecorderException {
        long dbId = deviceId(device);
        try (PreparedStatement p = connection.prepareStatement("SELECT t, layout, voltage, current, soc, detail FROM sample "
                + "WHERE device = ? ORDER BY t LIMIT 1")) {
            p.setLong(1, dbId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(SampleCodec.decode(Instant.ofEpochMilli(r.getLong(1)), identities.get(dbId), layout(r.getLong(2)),
                        RecordingDb.real(r, 3), RecordingDb.real(r, 4), RecordingDb.real(r, 5), r.getBytes(6)));
            }
        } catch (SQLException e) {
            throw new RecorderException("Cannot read the first snapshot of " + device + " in recording " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<FlagEvent> events() throws RecorderException {
        return eventsWhere("", -1);
    }

    private List<FlagEvent> eventsOf(long deviceDbId) throws RecorderException {
        return eventsWhere(" WHERE device = ?", deviceDbId);
    }

    private List<FlagEvent> eventsWhere(String where, long deviceDbId) throws RecorderException {
        List<FlagEvent> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT device, t, layout, flag, from_level, to_level FROM event"
                + where + " ORDER BY t, device, flag")) {
            if (deviceDbId >= 0) {
                p.setLong(1, deviceDbId);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    DeviceLayout.FlagRef flag = layout(r.getLong(3)).flag(r.getInt(4));
                    out.add(new FlagEvent(Instant.ofEpochMilli(r.getLong(2)), deviceKeys.get(r.getLong(1)), flag.group().key(),
                            flag.flag().key(), flag.flag().label(), flag.flag().severity(), r.getInt(5), r.getInt(6)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw new RecorderException("Cannot read the events of recording " + id + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<Telemetry> around(FlagEvent event, Duration window) throws RecorderException {
        return samples(event.device(), event.time().minus(window), event.time().plus(window).plusMillis(1));
    }

    @Override
    public Series series(String device, Metric metric, Instant from, Instant to, int buckets) throws RecorderException {
        long dbId = deviceId(device);
        try {
            long start = from == null ? -1 : from.toEpochMilli();
            long end = to == null ? -1 : to.toEpochMilli();
            if (from == null || to == null) {
                long[] span = RecordingDb.timeSpan(connection, dbId);
                if (from == null) {
                    start = span == null ? 0 : span[0];
                }
                if (to == null) {
                    end = span == null ? start + 1 : span[1] + 1;
                }
            }
            return Decimator.series(connection, dbId, device, metric, start, Math.max(end, start + 1), buckets);
        } catch (SQLException e) {
            throw new RecorderException("Cannot chart " + metric + " of " + device + " in recording " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void exportSamplesCsv(Writer out) throws RecorderException {
        new CsvExport(this).samples(out);
    }

    @Override
    public void exportCyclesCsv(Writer out, CycleOptions options) throws RecorderException {
        new CsvExport(this).cycles(out, options);
    }

    @Override
    public void exportJson(OutputStream out, boolean analysis) throws RecorderException {
        new JsonExport(this, defaults).write(out, analysis);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a read-only connection loses nothing
        }
    }
}
