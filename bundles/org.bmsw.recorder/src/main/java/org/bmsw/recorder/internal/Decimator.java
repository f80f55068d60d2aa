package org.bmsw.recorder.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.bmsw.recorder.Metric;
import org.bmsw.recorder.Series;

/**
 * Min / max / mean of a metric in equal time buckets. Reads the coarsest rollup level whose buckets are no
 * wider than the ones asked for (a 30-day chart of 2000 buckets reads ~4,300 ten-minute rows instead of 2.6 M
 * samples), and the samples themselves only when the range is short enough that buckets are under 10 s. With a
 * rollup the output buckets are whole multiples of its buckets, starting on its grid (so up to one rollup bucket
 * before the asked start), which keeps min and max exact.
 */
final class Decimator {

    private Decimator() {
    }

    static Series series(Connection c, long deviceId, String deviceKey, Metric metric, long from, long to, int buckets)
            throws SQLException {
        if (buckets < 1) {
            throw new IllegalArgumentException("at least one bucket: " + buckets);
        }
        long width = Math.max(1, ceilDiv(Math.max(1, to - from), buckets));
        int level = -1;
        for (int l = 0; l < RecordingDb.ROLLUP_MILLIS.length; l++) {
            if (RecordingDb.ROLLUP_MILLIS[l] <= width) {
                level = l;
            }
        }
        if (level >= 0) {
            // on the level's grid, so that every rollup bucket lies inside one output bucket: exact min and max
            long grid = RecordingDb.ROLLUP_MILLIS[level];
            from = Math.floorDiv(from, grid) * grid;
            width = ceilDiv(ceilDiv(Math.max(1, to - from), buckets), grid) * grid;
        }
        int count = (int) Math.max(1, ceilDiv(Math.max(1, to - from), width));
        double[] min = new double[count];
        double[] max = new double[count];
        double[] sum = new double[count];
        long[] n = new long[count];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        if (level < 0) {
            fromSamples(c, deviceId, metric, from, to, width, min, max, sum, n);
        } else {
            fromRollup(c, deviceId, metric, level, from, to, width, min, max, sum, n);
        }
        double[] mean = new double[count];
        for (int i = 0; i < count; i++) {
            if (n[i] == 0) {
                min[i] = Double.NaN;
                max[i] = Double.NaN;
                mean[i] = Double.NaN;
            } else {
                mean[i] = sum[i] / n[i];
            }
        }
        return new Series(deviceKey, metric, Instant.ofEpochMilli(from), Duration.ofMillis(width), min, max, mean, n);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static void fromSamples(Connection c, long device, Metric metric, long from, long to, long width,
                                    double[] min, double[] max, double[] sum, long[] n) throws SQLException {
        String expression = RecordingDb.sampleExpression(metric);
        try (PreparedStatement p = c.prepareStatement("SELECT t, " + expression + " FROM sample WHERE device = ? AND t >= ? AND t < ?")) {
            p.setLong(1, device);
            p.setLong(2, from);
            p.setLong(3, to);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double v = RecordingDb.real(r, 2);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    int i = (int) ((r.getLong(1) - from) / width);
                    min[i] = Math.min(min[i], v);
                    max[i] = Math.max(max[i], v);
                    sum[i] += v;
                    n[i]++;
                }
            }
        }
    }

    private static void fromRollup(Connection c, long device, Metric metric, int level, long from, long to, long width,
                                   double[] min, double[] max, double[] sum, long[] n) throws SQLException {
        String col = RecordingDb.column(metric);
        long levelWidth = RecordingDb.ROLLUP_MILLIS[level];
        try (PreparedStatement p = c.prepareStatement("SELECT bucket, " + col + "_min, " + col + "_max, " + col + "_sum, "
                + col + "_n FROM rollup WHERE level = ? AND device = ? AND bucket >= ? AND bucket < ?")) {
            p.setInt(1, level);
            p.setLong(2, device);
            p.setLong(3, Math.floorDiv(from, levelWidth) * levelWidth);
            p.setLong(4, to);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long count = r.getLong(5);
                    if (count == 0) {
                        continue;
                    }
                    int i = (int) Math.min(min.length - 1, Math.max(0, (r.getLong(1) - from) / width));
                    min[i] = Math.min(min[i], r.getDouble(2));
                    max[i] = Math.max(max[i], r.getDouble(3));
                    sum[i] += r.getDouble(4);
                    n[i] += count;
                }
            }
        }
    }
}
