package org.bmsw.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bmsw.device.api.LocalizedText;

/**
 * What a safe batch write did.
 *
 * @param outcome     how it ended
 * @param summary     one sentence for people (en, zh)
 * @param backupFile  the backup of the device's values before the write; null when none was written (nothing
 *                    to write, the values could not be read, or writing the backup failed)
 * @param validation  the problems found before writing (empty when it did not get that far)
 * @param order       the order the changes were (to be) written in
 * @param written     keys written and read back equal, in write order
 * @param verified    keys whose final read-back matched (the new values after success, the old ones after a rollback)
 * @param restored    keys written back to their old values during a rollback
 * @param failures    what went wrong, per key where a key is concerned
 * @param unpersisted for devices that stage in RAM: keys in RAM only after this write (empty once persisted)
 * @param persisted   whether the written values are persistent: immediately for devices that do not stage in
 *                    RAM, after a successful persist ("Flash") for those that do
 */
public record WriteReport(Outcome outcome, LocalizedText summary, Path backupFile, ValidationResult validation,
                          List<String> order, List<String> written, List<String> verified, List<String> restored,
                          List<Failure> failures, Set<String> unpersisted, boolean persisted) {

    public enum Outcome {
        /** Every change written and verified (and persisted when asked). */
        WRITTEN,
        /** Nothing differs from the device: nothing written. */
        UNCHANGED,
        /** Validation errors or unconfirmed dangerous changes: nothing written. */
        REFUSED,
        /** The current values could not be read or the backup not written: nothing written. */
        ABORTED,
        /** A write or read-back failed; the old values were written back and verified: the device is as before. */
        ROLLED_BACK,
        /** A write failed and restoring the old values failed too: the device may hold a mix. See the backup file. */
        ROLLBACK_FAILED,
        /** Written and verified in RAM, but persisting failed: the device reverts to the old values on restart. */
        PERSIST_FAILED
    }

    /**
     * One failure.
     *
     * @param key    the parameter; null when none in particular
     * @param reason what happened
     */
    public record Failure(String key, String reason) {
        @Override
        public String toString() {
            return key == null ? reason : key + ": " + reason;
        }
    }

    public WriteReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        validation = validation == null ? new ValidationResult(List.of()) : validation;
        order = List.copyOf(order);
        written = List.copyOf(written);
        verified = List.copyOf(verified);
        restored = List.copyOf(restored);
        failures = List.copyOf(failures);
        unpersisted = Set.copyOf(unpersisted);
    }

    /** The device holds exactly the requested values (WRITTEN or UNCHANGED). */
    public boolean succeeded() {
        return outcome == Outcome.WRITTEN || outcome == Outcome.UNCHANGED;
    }

    /** Nothing on the device is different from before (refused, aborted, unchanged or rolled back). */
    public boolean deviceUnchanged() {
        return outcome == Outcome.REFUSED || outcome == Outcome.ABORTED || outcome == Outcome.UNCHANGED
                || outcome == Outcome.ROLLED_BACK;
    }
}
