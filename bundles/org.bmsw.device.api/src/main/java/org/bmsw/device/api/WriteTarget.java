package org.bmsw.device.api;

/** Where a parameter write lands. */
public enum WriteTarget {
    /** Working copy: takes effect now, lost on restart until persisted (JDI "Calibration"). */
    RAM,
    /** Persistent storage (JDI "Flash"; every write of a Smart BMS). */
    PERSISTENT
}
