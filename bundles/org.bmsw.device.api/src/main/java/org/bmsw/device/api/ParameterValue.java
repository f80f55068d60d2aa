package org.bmsw.device.api;

/**
 * A parameter as read from a device.
 *
 * @param key   schema key, e.g. {@code COV}
 * @param raw   the raw register / memory value
 * @param value in engineering units
 * @param unit  engineering unit ("mV", "V", "A", "°C", "s", "" for plain numbers)
 */
public record ParameterValue(String key, long raw, double value, String unit) {
}
