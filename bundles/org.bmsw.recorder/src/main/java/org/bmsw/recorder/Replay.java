package org.bmsw.recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A replay in progress; closing it stops it (the listener then hears the sessions close). */
public interface Replay extends AutoCloseable {

    /** Snapshots delivered so far. */
    long delivered();

    /** Recorded time of the last snapshot delivered; empty before the first. */
    Optional<Instant> position();

    boolean isFinished();

    /** Waits until the replay has delivered everything or was stopped; true when finished in time. */
    boolean awaitFinished(Duration timeout) throws InterruptedException;

    /** Why the replay stopped early (the recording could not be read); empty when it ran or runs normally. */
    Optional<RecorderException> failure();

    @Override
    void close();
}
