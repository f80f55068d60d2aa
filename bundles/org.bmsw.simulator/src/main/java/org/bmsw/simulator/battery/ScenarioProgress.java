package org.bmsw.simulator.battery;

import java.time.Duration;

/**
 * Where the running scenario is.
 *
 * @param stepIndex   0-based index of the running step; equals {@code stepCount} when finished
 * @param stepCount   steps in the scenario (0 when none is loaded)
 * @param step        text of the running step; empty when none
 * @param stepElapsed simulated time spent in the running step
 * @param finished    every step has ended (the load now rests)
 */
public record ScenarioProgress(int stepIndex, int stepCount, String step, Duration stepElapsed, boolean finished) {

    public static final ScenarioProgress NONE = new ScenarioProgress(0, 0, "", Duration.ZERO, true);
}
