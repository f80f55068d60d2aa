package org.bmsw.firmware;

/**
 * The caller's parameter backup and restore around a flash (the flasher itself knows no parameters).
 * {@link #backup()} runs while the application still runs, before anything is changed; if it throws, the
 * flash stops there. {@link #restore(FlashReport)} runs after the new application started; if it throws,
 * the flash still counts as done and the report says what failed.
 */
public interface FlashHooks {

    FlashHooks NONE = new FlashHooks() { };

    /** Called only when the application runs (not when the device already waited in its bootloader). */
    default void backup() throws Exception {
    }

    default void restore(FlashReport report) throws Exception {
    }
}
