package org.bmsw.device.api;

/** How bad an active flag is; ordered from harmless to worst. */
public enum Severity {
    /** Informational state (status bits, relays, inputs). */
    NORMAL,
    /** Alarm: a warning that does not switch the pack off (orange). */
    WARNING,
    /** Protection tripped or major fault: charge or discharge is cut (red). */
    FAULT
}
