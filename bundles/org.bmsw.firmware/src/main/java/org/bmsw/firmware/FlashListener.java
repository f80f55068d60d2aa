package org.bmsw.firmware;

/** Told of every step and every acknowledged block; called on the flashing thread, so it must not block. */
@FunctionalInterface
public interface FlashListener {

    FlashListener NONE = progress -> { };

    void progress(FlashProgress progress);
}
