package org.bmsw.recorder.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

import org.bmsw.recorder.Metric;

/**
 * Min, max, sum and count per {@link Metric} of one device in the current bucket of one rollup level, since the
 * last flush. Flushing adds to what the file already holds for the bucket, so partial buckets can be written at
 * every commit and samples arriving late still land in the right bucket.
 */
final class Rollup {

    private static final int METRICS = Metric.values().length;

    static final String UPSERT;

    static {
        StringBuilder cols = new StringBuilder("level, device, bucket, n");
        StringBuilder marks = new StringBuilder("?, ?, ?, ?");
        StringBuilder update = new StringBuilder("n = n + excluded.n");
        for (Metric m : Metric.values()) {
            String c = RecordingDb.column(m);
            cols.append(", ").append(c).append("_min, ").append(c).append("_max, ").append(c).append("_sum, ").append(c).append("_n");
            marks.append(", ?, ?, ?, ?");
            update.append(", ").append(c).append("_min = min(coalesce(").append(c).append("_min, excluded.").append(c)
                    .append("_min), coalesce(excluded.").append(c).append("_min, ").append(c).append("_min))");
            update.append(", ").append(c).append("_max = max(coalesce(").append(c).append("_max, excluded.").append(c)
                    .append("_max), coalesce(excluded.").append(c).append("_max, ").append(c).append("_max))");
            update.append(", ").append(c).append("_sum = ").append(c).append("_sum + excluded.").append(c).append("_sum");
            update.append(", ").append(c).append("_n = ").append(c).append("_n + excluded.").append(c).append("_n");
        }
        UPSERT = "INSERT INTO rollup (" + cols + ") VALUES (" + marks + ") ON CONFLICT (level, device, bucket) DO UPDATE SET " + update;
    }

    /**
     * Recomputes the rollup buckets of {@code level} that contain {@code time} from the samples themselves, for
     * every device: after samples before {@code time} were deleted, the bucket straddling it counts only those left.
     */
    static void rebuildBucketAt(Connection c, int level, long time) throws SQLException {
        long width = RecordingDb.ROLLUP_MILLIS[level];
        long bucket = Math.floorDiv(time, width) * width;
        try (PreparedStatement p = c.prepareStatement("DELETE FROM rollup WHERE level = ? AND bucket = ?")) {
            p.setInt(1, level);
            p.setLong(2, bucket);
            p.executeUpdate();
        }
        StringBuilder cols = new StringBuilder("level, device, bucket, n");
        StringBuilder values = new StringBuilder("?, device, ?, count(*)");
        for (Metric m : Metric.values()) {
            String col = RecordingDb.column(m);
            String e = RecordingDb.sampleExpression(m);
            cols.append(", ").append(col).append("_min, ").append(col).append("_max, ").append(col).append("_sum, ").append(col).append("_n");
            values.append(", min(").append(e).append("), max(").append(e).append("), coalesce(sum(").append(e).append("), 0), count(")
                    .append(e).append(')');
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rollup (" + cols + ") SELECT " + values
                + " FROM sample WHERE t >= ? AND t < ? GROUP BY device")) {
            p.setInt(1, level);
            p.setLong(2, bucket);
            p.setLong(3, bucket);
            p.setLong(4, bucket + width);
            p.executeUpdate();
        }
    }

    private final int level;
    private final long width;
    private long bucket = Long.MIN_VALUE;
    private long n;
    private final double[] min = new double[METRICS];
    private final double[] max = new double[METRICS];
    private final double[] sum = new double[METRICS];
    private final long[] count = new long[METRICS];

    Rollup(int level) {
        this.level = level;
        this.width = RecordingDb.ROLLUP_MILLIS[level];
        reset();
    }

    /**
     * Adds one sample's metric values (in {@link Metric} order, NaN = absent). When the sample belongs to another
     * bucket the pending figures are flushed first.
     */
    void add(long time, double[] values, PreparedStatement upsert, long device) throws SQLException {
        long b = Math.floorDiv(time, width) * width;
        if (b != bucket) {
            flush(upsert, device);
            bucket = b;
        }
        n++;
        for (int m = 0; m < METRICS; m++) {
            double v = values[m];
            if (!Double.isNaN(v)) {
                if (v < min[m]) {
                    min[m] = v;
                }
                if (v > max[m]) {
                    max[m] = v;
                }
                sum[m] += v;
                count[m]++;
            }
        }
    }

    /** Queues the figures gathered since the last flush on {@code upsert}'s batch, and starts over in the same bucket. */
    void flush(PreparedStatement upsert, long device) throws SQLException {
        if (n == 0) {
            return;
        }
        upsert.setInt(1, level);
        upsert.setLong(2, device);
        upsert.setLong(3, bucket);
        upsert.setLong(4, n);
        int p = 5;
        for (int m = 0; m < METRICS; m++) {
            if (count[m] == 0) {
                upsert.setNull(p++, java.sql.Types.REAL);
                upsert.setNull(p++, java.sql.Types.REAL);
            } else {
                upsert.setDouble(p++, min[m]);
                upsert.setDouble(p++, max[m]);
            }
            upsert.setDouble(p++, sum[m]);
            upsert.setLong(p++, count[m]);
        }
        upsert.addBatch();
        reset();
    }

    private void reset() {
        n = 0;
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(sum, 0);
        Arrays.fill(count, 0);
    }
}
