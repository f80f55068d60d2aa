package org.bmsw.device.spi;

/**
 * A source that registers profiles in the background (the data-only profile extender). Registered as a
 * service so that a command started with the program can wait until the profiles present at start are
 * loaded, instead of guessing with a delay.
 */
public interface ProfileLoading {

    /** True when nothing is being loaded right now. */
    boolean idle();
}
