package org.bmsw.recorder;

import java.time.Duration;
import java.time.Instant;

/**
 * A metric decimated into equal time buckets: draw a vertical bar from min to max per bucket and no peak is
 * lost, however many snapshots fall in one. Buckets without data hold NaN and a count of 0 (draw a gap).
 *
 * @param device  device key
 * @param metric  the metric
 * @param from    start of the first bucket
 * @param bucket  width of every bucket
 * @param min     per bucket
 * @param max     per bucket
 * @param mean    per bucket
 * @param count   snapshots per bucket
 */
public record Series(String device, Metric metric, Instant from, Duration bucket, double[] min, double[] max,
                     double[] mean, long[] count) {

    public int size() {
        return min.length;
    }

    public Instant bucketStart(int index) {
        return from.plus(bucket.multipliedBy(index));
    }
}
