package org.bmsw.recorder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bmsw.core.TelemetryListener;

/**
 * Starts and stops recordings of live telemetry and gives access to the recordings on disk. The CLI
 * ({@code bmsw record start|stop|list|export}) and the workbench's Records page are its clients.
 */
public interface Recorder {

    /** Starts recording the connected devices (and those that connect later) that the request selects. */
    RecordingInfo start(RecordingRequest request) throws RecorderException;

    /**
     * Stops a recording; everything received until now is on disk when this returns. A recording another program
     * writes (another {@code bmsw} process, the window) is asked to stop through a stop request beside its file,
     * and this waits until that program has stopped it.
     */
    RecordingInfo stop(String id) throws RecorderException;

    /**
     * Waits until a recording this program writes has stopped: by {@link #stop}, its duration or snapshot limit, a
     * stop request from another program, or a write failure.
     *
     * @return true when it is not (or no longer) running in this program, its file saying how it ended; false when it
     *         still runs after {@code timeout}
     */
    boolean awaitStopped(String id, Duration timeout) throws InterruptedException;

    /** Every recording in the records folder, newest first: running, finished and interrupted ones. */
    List<RecordingInfo> list() throws RecorderException;

    /** Opens a recording for reading; close it when done. A running recording can be read while it grows. */
    Recording open(String id) throws RecorderException;

    /** Deletes a recording that is not running. */
    void delete(String id) throws RecorderException;

    /**
     * Imports a recording from another machine: a JSON export ({@code .json}) or a recording file
     * ({@code .sqlite}). The file is checked completely before anything is added; a bad file fails with a
     * {@link RecordingFormatException} naming the line and field.
     */
    RecordingInfo importFile(Path file) throws RecorderException;

    /**
     * Plays a recording back to {@code listener} as if its devices were live: every snapshot in time order,
     * at the recorded pace divided by {@link ReplayRequest#speed()}, from a {@link org.bmsw.device.api.DeviceSession}
     * per recorded device. The listener hears {@link TelemetryListener#sessionClosed} at the end.
     */
    Replay replay(String id, ReplayRequest request, TelemetryListener listener) throws RecorderException;

    /** The folder recordings are kept in. */
    Path directory();
}
