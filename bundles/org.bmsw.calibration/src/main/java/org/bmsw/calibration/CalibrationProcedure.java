package org.bmsw.calibration;

import java.util.List;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;

/**
 * One guided calibration, registered as an OSGi service. Procedures are offered for a session when
 * {@link #appliesTo} says so, which depends only on what the session offers (capabilities, parameter keys),
 * never on a request to the device.
 */
public interface CalibrationProcedure {

    /** Service property: procedures are listed by it, lowest first. */
    String PROPERTY_ORDER = "bmsw.calibration.order";

    /** Stable id, also the command name: {@code current-zero}, {@code current}, {@code temperature} ... */
    String id();

    LocalizedText title();

    /** When to use it and what it does, in one paragraph. */
    LocalizedText description();

    boolean appliesTo(DeviceSession session);

    /** What the user does, in order, before starting (connect a charger, let the pack rest ...). */
    List<LocalizedText> steps(DeviceSession session);

    /** What the user enters. */
    List<CalibrationInput> inputs(DeviceSession session);

    /** Parameters of the device's schema this procedure may change (and backs up first). */
    List<String> affectedParameters(DeviceSession session);

    /**
     * Runs the procedure. Blocks for as long as the preconditions and the verification need (seconds). Never
     * throws: refusals, device failures and an interruption of the calling thread (before anything is written:
     * {@link CalibrationResult.Outcome#CANCELLED}) are all in the result. Once writing has begun an interruption
     * waits for the verification or the restore to finish.
     */
    CalibrationResult run(DeviceSession session, CalibrationRequest request, CalibrationListener listener);
}
