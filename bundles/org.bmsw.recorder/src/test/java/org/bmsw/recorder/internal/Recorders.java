package org.bmsw.recorder.internal;

import java.nio.file.Path;

import org.bmsw.core.LiveTelemetry;

/** The recorder service as DS creates it, for tests in other packages: default settings, recordings in {@code records}. */
public final class Recorders {

    private Recorders() {
    }

    public static RecorderImpl create(LiveTelemetry live, Path records) {
        return new RecorderImpl(live, Defaults.settings(), records);
    }

    public static void stop(RecorderImpl recorder) {
        recorder.deactivate();
    }

    public static ReplayTransport replayTransport(RecorderImpl recorder) {
        return new ReplayTransport(recorder);
    }
}
