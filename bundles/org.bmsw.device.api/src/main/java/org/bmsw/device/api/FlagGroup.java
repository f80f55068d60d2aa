package org.bmsw.device.api;

import java.util.List;
import java.util.Optional;

/**
 * A family of flags, e.g. ALARM, PROTECT, STATUS, RELAY, INPUT.
 *
 * @param key   family key
 * @param label family name
 * @param flags every flag of the family, active or not, in the device's order
 */
public record FlagGroup(String key, LocalizedText label, List<Flag> flags) {

    public static final String ALARM = "ALARM";
    public static final String PROTECT = "PROTECT";
    public static final String STATUS = "STATUS";
    public static final String RELAY = "RELAY";
    public static final String INPUT = "INPUT";
    public static final String FAULT = "FAULT";

    public FlagGroup {
        flags = List.copyOf(flags);
    }

    public Optional<Flag> flag(String flagKey) {
        return flags.stream().filter(f -> f.key().equals(flagKey)).findFirst();
    }

    public List<Flag> active() {
        return flags.stream().filter(Flag::active).toList();
    }
}
