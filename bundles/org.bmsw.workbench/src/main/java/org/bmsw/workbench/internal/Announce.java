package org.bmsw.workbench.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Milestones for the start-up benchmarks, printed on standard output only with
 * {@code -Dbmsw.announce.ready=true}: {@code WINDOW <ms>} when the window is visible and
 * {@code TELEMETRY <ms>} when the first live snapshot is on screen, in milliseconds since the process began.
 */
public final class Announce {

    private static final AtomicBoolean TELEMETRY = new AtomicBoolean();

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

    private static void print(String what) {
        if (Boolean.getBoolean("bmsw.announce.ready")) {
            long millis = System.currentTimeMillis()
                    - ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
            System.out.println(what + " " + millis);
            System.out.flush();
        }
    }
}
