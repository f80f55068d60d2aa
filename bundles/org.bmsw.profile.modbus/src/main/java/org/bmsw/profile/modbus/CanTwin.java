package org.bmsw.profile.modbus;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcFormatException;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.DbcSignal;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.TelemetryField;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.profile.can.CanDeviceDefinition;
import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.protocol.xcp.XcpCanIds;
import org.bmsw.schema.ParameterSchema;

/**
 * A register profile's {@code can} section made a live CAN profile ({@code <id>.can}): reads the DBC it names, checks
 * the section against the DBC and the parameter schema (every problem with its place in the profile file or the DBC),
 * and applies the section's signal mapping on top of the DBC's own {@value TelemetryField#ATTRIBUTE} attributes.
 */
final class CanTwin {

    /** Suffix of the CAN profile's id. */
    static final String ID_SUFFIX = ".can";

    /** The CAN profile, or null with the problems found. */
    record Outcome(CanDeviceProfile profile, List<ProfileProblem> problems) {
    }

    private final RegisterProfile definition;
    private final RegisterProfile.Can can;
    private final String source;
    private final byte[] json;
    private final List<ProfileProblem> problems = new ArrayList<>();

    private CanTwin(RegisterProfile definition, String source, byte[] json) {
        this.definition = definition;
        this.can = definition.can();
        this.source = source;
        this.json = json;
    }

    /**
     * @param schema the profile's parameter schema; null when it has none, or when it was refused (its problems are
     *               reported by the caller, and no profile is made)
     */
    static Outcome read(RegisterProfile definition, ParameterSchema schema, String source, byte[] json,
                        RegisterProfiles.Companions companions) {
        return new CanTwin(definition, source, json).read(schema, companions);
    }

    private Outcome read(ParameterSchema schema, RegisterProfiles.Companions companions) {
        Dbc dbc = loadDbc(companions);
        if (dbc == null) {
            return new Outcome(null, problems);
        }
        Map<String, String> fields = mapping(dbc);
        XcpCalibrationLayout layout = can.xcp() == null ? null : layout(dbc, schema);
        if (!problems.isEmpty() || (schema == null && definition.parameters() != null)) {
            return new Outcome(null, problems);
        }
        DbcTelemetry telemetry;
        try {
            telemetry = DbcTelemetry.of(withFields(dbc, fields), new RegisterCatalog(definition));
        } catch (DbcFormatException e) {
            problem(can.fields().isEmpty() ? "$.can.dbc" : "$.can.fields", can.dbc() + ": " + e.problem());
            return new Outcome(null, problems);
        }
        RegisterProfile.Text name = definition.name();
        LocalizedText canName = can.name() != null ? can.name().localized()
                : LocalizedText.of(name.en() + " on CAN", name.zh() == null ? null : name.zh() + "（CAN）");
        try {
            return new Outcome(new CanDeviceProfile(new CanDeviceDefinition(definition.id() + ID_SUFFIX, canName,
                    new java.util.LinkedHashSet<>(definition.models()), can.bitrate(), definition.id(), telemetry, schema,
                    layout, List.of(definition))), List.of());
        } catch (IllegalArgumentException e) {
            problem("$.can", e.getMessage());
            return new Outcome(null, problems);
        }
    }

    private Dbc loadDbc(RegisterProfiles.Companions companions) {
        Optional<URL> url = companions.find(can.dbc());
        if (url.isEmpty()) {
            problem("$.can.dbc", "names " + can.dbc() + ", which is not beside the profile");
            return null;
        }
        try {
            return Dbc.load(url.get());
        } catch (DbcFormatException e) {
            problems.add(new ProfileProblem(e.source(), "", e.line() > 0 ? e.line() : -1, e.column() > 0 ? e.column() : -1,
                    e.problem()));
        } catch (IOException e) {
            problem("$.can.dbc", can.dbc() + " cannot be read: " + e);
        }
        return null;
    }

    /**
     * What each signal carries, by "Message.Signal": the DBC's attributes, then the section's fields, then the model
     * signal; checks that every signal named exists.
     */
    private Map<String, String> mapping(Dbc dbc) {
        Map<String, String> fields = new HashMap<>();
        for (DbcMessage message : dbc.messages()) {
            for (DbcSignal signal : message.signals()) {
                signal.stringAttribute(TelemetryField.ATTRIBUTE).ifPresent(f -> fields.put(message.name() + "." + signal.name(), f));
            }
        }
        can.fields().forEach((key, field) -> {
            int dot = key.indexOf('.');
            if (signal(dbc, "$.can.fields." + key, key.substring(0, dot), key.substring(dot + 1)) != null) {
                fields.put(key, field);
            }
        });
        RegisterProfile.CanIdentify identify = can.identify();
        DbcSignal model = signal(dbc, "$.can.identify", identify.message(), identify.signal());
        if (model == null) {
            return fields;
        }
        String modelKey = identify.message() + "." + identify.signal();
        if (model.valueNames().isEmpty()) {
            problem("$.can.identify.signal", "signal " + identify.signal() + " of message " + identify.message() + " in "
                    + can.dbc() + " has no VAL_ descriptions, so its values name no model");
        }
        String mapped = can.fields().get(modelKey);
        if (mapped != null && !mapped.equals(CanDeviceDefinition.MODEL_FIELD)) {
            problem("$.can.fields." + modelKey, "the model signal ($.can.identify) carries "
                    + CanDeviceDefinition.MODEL_FIELD + ", not " + mapped);
        }
        fields.put(modelKey, CanDeviceDefinition.MODEL_FIELD);
        fields.forEach((key, field) -> {
            if (field.equals(CanDeviceDefinition.MODEL_FIELD) && !key.equals(modelKey)) {
                problem("$.can.identify", key + " carries " + CanDeviceDefinition.MODEL_FIELD + " as well"
                        + (can.fields().containsKey(key) ? " ($.can.fields)" : " (its " + TelemetryField.ATTRIBUTE
                        + " in " + can.dbc() + ")") + "; one signal names the model");
            }
        });
        return fields;
    }

    /** The signal, or null after reporting at {@code path} what the DBC lacks. */
    private DbcSignal signal(Dbc dbc, String path, String messageName, String signalName) {
        Optional<DbcMessage> message = dbc.message(messageName);
        if (message.isEmpty()) {
            problem(path.endsWith("identify") ? path + ".message" : path, can.dbc() + " has no message '" + messageName
                    + "' (messages: " + names(dbc.messages().stream().map(DbcMessage::name).toList()) + ")");
            return null;
        }
        Optional<DbcSignal> signal = message.get().signal(signalName);
        if (signal.isEmpty()) {
            problem(path.endsWith("identify") ? path + ".signal" : path, "message " + messageName + " in " + can.dbc()
                    + " has no signal '" + signalName + "' (signals: "
                    + names(message.get().signals().stream().map(DbcSignal::name).toList()) + ")");
            return null;
        }
        return signal.get();
    }

    private static String names(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + " and " + (names.size() - 12) + " more";
    }

    /** The DBC with the mapping as its signals' attributes. */
    private static Dbc withFields(Dbc dbc, Map<String, String> fields) {
        List<DbcMessage> messages = new ArrayList<>();
        for (DbcMessage m : dbc.messages()) {
            List<DbcSignal> signals = new ArrayList<>();
            for (DbcSignal s : m.signals()) {
                Map<String, Object> attributes = new HashMap<>(s.attributes());
                String field = fields.get(m.name() + "." + s.name());
                if (field != null) {
                    attributes.put(TelemetryField.ATTRIBUTE, field);
                }
                signals.add(new DbcSignal(s.name(), s.startBit(), s.length(), s.byteOrder(), s.signed(), s.valueType(),
                        s.factor(), s.offset(), s.minimum(), s.maximum(), s.unit(), s.receivers(), s.multiplexRole(),
                        s.multiplexValue(), s.valueNames(), s.comment(), attributes));
            }
            messages.add(new DbcMessage(m.id(), m.extended(), m.name(), m.length(), m.transmitter(), signals,
                    m.conditions(), m.comment(), m.attributes()));
        }
        return new Dbc(dbc.source(), dbc.version(), dbc.nodes(), messages, dbc.comment(), dbc.attributeDefinitions(),
                dbc.attributes());
    }

    private XcpCalibrationLayout layout(Dbc dbc, ParameterSchema schema) {
        RegisterProfile.Xcp xcp = can.xcp();
        if (definition.parameters() == null) {
            problem("$.can.xcp", "XCP calibration pages hold parameters, but the profile names no parameter schema"
                    + " ($.parameters)");
        } else if (schema != null && schema.parameters().stream().noneMatch(p -> p.location().hasXcp())) {
            problem("$.can.xcp", definition.parameters() + " places no parameter at an XCP address (location.xcp)");
        }
        for (DbcMessage message : dbc.messages()) {
            String taken = message.describeId() + " is the identifier of message " + message.name() + " in " + can.dbc();
            if (message.extended() == xcp.extended() && message.id() == xcp.requestId()) {
                problem("$.can.xcp.requestId", taken);
            }
            if (message.extended() == xcp.extended() && message.id() == xcp.responseId()) {
                problem("$.can.xcp.responseId", taken);
            }
        }
        return new XcpCalibrationLayout(new XcpCanIds(xcp.requestId(), xcp.responseId(), xcp.extended(),
                xcp.padToEight()), xcp.segment(), xcp.ramPage(), xcp.flashPage());
    }

    private void problem(String path, String message) {
        problems.add(RegisterProfiles.at(source, json, path, message));
    }
}
