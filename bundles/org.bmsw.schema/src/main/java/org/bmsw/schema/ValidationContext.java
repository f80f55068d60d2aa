package org.bmsw.schema;

import java.util.Objects;

import org.bmsw.device.api.AccessLevel;

/**
 * Who validates, for which pack.
 *
 * @param unlocked  the highest access level the user has unlocked ({@link AccessLevel#USER} by default;
 *                  {@link AccessLevel#FACTORY} parameters are never writable whatever is unlocked)
 * @param chemistry the pack's chemistry as the device reports it (e.g. LFP, NMC); empty when unknown, and
 *                  then the envelopes of every chemistry apply
 */
public record ValidationContext(AccessLevel unlocked, String chemistry) {

    public ValidationContext {
        Objects.requireNonNull(unlocked, "unlocked");
        chemistry = chemistry == null ? "" : chemistry.trim();
    }

    public static ValidationContext user() {
        return new ValidationContext(AccessLevel.USER, "");
    }

    public static ValidationContext engineer() {
        return new ValidationContext(AccessLevel.ENGINEER, "");
    }

    public ValidationContext withChemistry(String packChemistry) {
        return new ValidationContext(unlocked, packChemistry);
    }

    public boolean chemistryKnown() {
        return !chemistry.isEmpty();
    }
}
