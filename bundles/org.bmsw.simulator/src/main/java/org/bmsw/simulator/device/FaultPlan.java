package org.bmsw.simulator.device;

import java.time.Duration;

/**
 * What goes wrong on a simulated line, and how often. Each reply frame draws once from a random
 * sequence seeded with {@code seed}, so the same plan against the same requests fails the same way.
 *
 * @param seed          seed of the fault sequence
 * @param drop          share of replies never sent (no response)
 * @param corrupt       share of replies with one bit flipped (the checksum no longer fits)
 * @param truncate      share of replies cut short
 * @param wrongAddress  share of replies sent as if from another address (valid checksum)
 * @param exception     share of replies replaced by an exception response (SERVER DEVICE FAILURE)
 * @param delay         share of replies held back by {@code extraDelay}
 * @param extraDelay    how long a delayed reply is held back
 */
public record FaultPlan(long seed, double drop, double corrupt, double truncate, double wrongAddress, double exception,
                        double delay, Duration extraDelay) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0, 0, Duration.ZERO);

    public FaultPlan {
        double total = drop + corrupt + truncate + wrongAddress + exception + delay;
        if (drop < 0 || corrupt < 0 || truncate < 0 || wrongAddress < 0 || exception < 0 || delay < 0 || total > 1.0) {
            throw new IllegalArgumentException("fault rates must be >= 0 and add up to at most 1, are " + total);
        }
        extraDelay = extraDelay == null ? Duration.ZERO : extraDelay;
    }

    /** The same share of each kind of fault. */
    public static FaultPlan everyKind(long seed, double eachRate, Duration extraDelay) {
        return new FaultPlan(seed, eachRate, eachRate, eachRate, eachRate, eachRate, eachRate, extraDelay);
    }
}
