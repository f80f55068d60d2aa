package org.bmsw.workbench.internal;

import java.util.Map;

/** Where the window remembers its state (language, geometry, last connection). */
public interface Settings {

    /** Merges {@code values} into the saved settings. Returns at once; the write happens on another thread. */
    void save(Map<String, Object> values);
}
