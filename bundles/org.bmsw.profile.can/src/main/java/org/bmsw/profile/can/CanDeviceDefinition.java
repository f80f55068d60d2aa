package org.bmsw.profile.can;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.FrameTelemetryDecoder;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.schema.ParameterSchema;

/**
 * Everything a {@link CanDeviceProfile} needs to know about one family of devices on CAN.
 *
 * @param id                the profile id, e.g. {@code jdi.bi51.can}
 * @param name              display name
 * @param models            models covered, for lists
 * @param bitrate           the bus's usual bit rate, offered by the connection dialog
 * @param identityProfileId the profile id its sessions' identity carries: that of the parameter schema and of
 *                          parameter files, so that a file exported over another wire imports here and back
 * @param telemetry         the broadcast as its DBC describes it; the signal carrying {@value #MODEL_FIELD} names the
 *                          model with its {@code VAL_} descriptions
 * @param parameters        the parameter schema, or null when the device has none
 * @param xcp               where the parameters are on XCP, or null when they cannot be reached on CAN
 * @param capabilities      further things {@link CanDeviceProfile#capability} offers, e.g. the register map of the
 *                          same device for a simulator
 */
public record CanDeviceDefinition(String id, LocalizedText name, Set<String> models, int bitrate,
                                  String identityProfileId, DbcTelemetry telemetry, ParameterSchema parameters,
                                  XcpCalibrationLayout xcp, List<Object> capabilities) {

    /** The telemetry field of the signal that names the model. */
    public static final String MODEL_FIELD = "device.model";

    /** @throws IllegalArgumentException naming what is missing */
    public CanDeviceDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityProfileId, "identityProfileId");
        Objects.requireNonNull(telemetry, "telemetry");
        models = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(models));
        capabilities = List.copyOf(capabilities);
        if (bitrate <= 0) {
            throw new IllegalArgumentException(id + ": a bit rate must be positive, is " + bitrate);
        }
        var model = telemetry.field(MODEL_FIELD).orElseThrow(() -> new IllegalArgumentException(id + ": no signal of "
                + telemetry.dbc().source() + " carries " + MODEL_FIELD + ", so a device cannot be recognised"));
        if (model.signal().valueNames().isEmpty()) {
            throw new IllegalArgumentException(id + ": signal " + model.signal().name() + " of " + telemetry.dbc().source()
                    + " names the model but has no VAL_ descriptions (model names by raw value)");
        }
        if (xcp != null && (parameters == null || parameters.parameters().stream().noneMatch(p -> p.location().hasXcp()))) {
            throw new IllegalArgumentException(id + ": XCP calibration pages need parameters at XCP addresses");
        }
    }

    /** The message that names the model. */
    public DbcMessage modelMessage() {
        return telemetry.field(MODEL_FIELD).orElseThrow().message();
    }

    /** How long connecting listens for the model: two and a half cycles of its message. */
    public Duration identifyTimeout() {
        int cycle = modelMessage().cycleTimeMillis().orElse(FrameTelemetryDecoder.DEFAULT_CYCLE_MILLIS);
        return Duration.ofMillis(Math.max(1000, cycle * 5L / 2));
    }
}
