package org.bmsw.schema;

import java.util.Arrays;
import java.util.Optional;

/** How a device keeps written parameters, as the schema declares it. */
public enum Persistence {
    /** Every write is persistent at once (Smart BMS V4.0). */
    IMMEDIATE("immediate"),
    /** Writes land in RAM ("Calibration") and need a persist step ("Flash") to survive a restart (JDI BI51). */
    RAM_THEN_FLASH("ram-then-flash");

    private final String jsonName;

    Persistence(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<Persistence> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.jsonName.equals(name)).findFirst();
    }
}
