package org.bmsw.schema;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.schema.internal.BatchWriter;

/**
 * Writes a set of parameters so that the device ends with either all the old values or all the new ones:
 *
 * <ol>
 * <li>reads every schema parameter the device has; when no wanted value differs from the device's, stops
 *     here ({@link WriteReport.Outcome#UNCHANGED}, no backup: nothing will be written);</li>
 * <li>writes them to a timestamped backup file in the request's directory
 *     ({@code <profile>-addr<address>[-<serial>]-<yyyyMMddTHHmmss.SSS>-backup.json}, written atomically and
 *     flushed to the disk) and reads it back;</li>
 * <li>validates the wanted values on top of the current ones ({@link ParameterValidator#validateSet}) and the
 *     device's key set; refuses on any error and on any problem needing confirmation that the request does
 *     not confirm;</li>
 * <li>writes only the values that differ, one parameter at a time, in an order that keeps the rules
 *     satisfied between writes where possible, reading each back at once, then reading all back again;</li>
 * <li>on any failure, writes the old values back (retrying) and verifies them by reading back;</li>
 * <li>for devices that stage in RAM, writes to RAM, reports what is not persisted, and persists only when the
 *     request asks.</li>
 * </ol>
 *
 * {@link #write} never throws: everything that happened is in the {@link WriteReport}.
 */
public final class SafeBatchWriter {

    private final BatchWriter impl;

    public SafeBatchWriter(ParameterSchema schema) {
        this(schema, Clock.systemDefaultZone());
    }

    /** @param clock for the backup's timestamp */
    public SafeBatchWriter(ParameterSchema schema, Clock clock) {
        this.impl = new BatchWriter(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(clock, "clock"));
    }

    /** Reads the device and validates, writing nothing. */
    public WritePreview preview(ParameterAccess access, Map<String, Double> values, ValidationContext context)
            throws DeviceException {
        return impl.preview(access, values, context);
    }

    /**
     * Backs up, validates, writes, verifies, and restores on failure.
     *
     * @param device the device's identity, recorded in the backup file; may be null
     */
    public WriteReport write(ParameterAccess access, DeviceIdentity device, WriteRequest request) {
        return impl.write(Objects.requireNonNull(access, "access"), device, Objects.requireNonNull(request, "request"));
    }
}
