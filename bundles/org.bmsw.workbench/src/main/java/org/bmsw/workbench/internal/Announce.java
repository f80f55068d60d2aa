package org.bmsw.workbench.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Milestones for the benchmarks, printed on standard output only with {@code -Dbmsw.announce.ready=true}:
 * {@code WINDOW <ms>} when the window is visible and {@code TELEMETRY <ms>} when the first live snapshot is on
 * screen, in milliseconds since {@code -Dbmsw.announce.origin} (epoch milliseconds: the benchmark's clock when it
 * spawned the process) or, without it, since the process began as the OS reports it (Linux counts that from a boot
 * time in whole seconds, so it can be up to a second early); with {@code -Dbmsw.announce.refresh=true} also
 * {@code REFRESH <snapshots> <ms> <cell grid paints>}: snapshots drawn on the overview during the last
 * {@code ms}, and how often the cell grid was painted meanwhile, every 10 s.
 */
public final class Announce {

    private static final AtomicBoolean TELEMETRY = new AtomicBoolean();
    private static final boolean REFRESH = Boolean.getBoolean("bmsw.announce.refresh");
    /** UI thread only. */
    private static long refreshStart;
    private static int refreshes;
    private static int firstPaints = -1;

    private Announce() {
    }

    static void windowVisible() {
        print("WINDOW");
    }

    /** Once per process: the first snapshot drawn. */
    public static void telemetryShown() {
        if (TELEMETRY.compareAndSet(false, true)) {
            print("TELEMETRY");
        }
    }

    /**
     * A snapshot was drawn. UI thread.
     *
     * @param cellPaints how often the cell grid has been painted so far
     */
    public static void snapshotDrawn(int cellPaints) {
        if (!REFRESH) {
            return;
        }
        long now = System.nanoTime();
        if (refreshStart == 0) {
            refreshStart = now;
            firstPaints = cellPaints;
        }
        refreshes++;
        long elapsed = (now - refreshStart) / 1_000_000;
        if (elapsed >= 10_000) {
            System.out.println("REFRESH " + refreshes + " " + elapsed + " " + (cellPaints - firstPaints));
            System.out.flush();
            refreshStart = now;
            firstPaints = cellPaints;
            refreshes = 0;
        }
    }

    private static void print(String what) {
        if (Boolean.getBoolean("bmsw.announce.ready")) {
            Long origin = Long.getLong("bmsw.announce.origin");
            long millis = System.currentTimeMillis() - (origin != null ? origin
                    : ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L));
            System.out.println(what + " " + millis);
            System.out.flush();
        }
    }
}
