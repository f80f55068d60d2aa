package org.bmsw.profile.modbus;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.device.api.LocalizedText;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A register-based profile, as written in its JSON file. Field positions are word offsets
 * ({@code at}) inside a named {@link Block}; a value is {@code raw * scale + add}.
 *
 * @param format      {@value #FORMAT}
 * @param id          profile id, e.g. {@code smartbms.v4}
 * @param name        display name
 * @param models      models covered
 * @param link        serial defaults
 * @param identify    ASCII identification registers read by the probe
 * @param blocks      register blocks read for one telemetry snapshot
 * @param telemetry   pack values by key ({@link #PACK_FIELDS})
 * @param cells       cell voltages
 * @param temperatures temperature probes
 * @param flags       flag families
 * @param quantities  further measurements
 * @param commands    control commands
 * @param calibration device-side calibration registers, or null
 * @param parameters  file name of the parameter schema beside this file, or null
 * @param persist     the write that makes RAM parameters persistent ("Flash"), for schemas that stage in RAM; or null
 * @param firmware    how the device's application is replaced (bootloader entry, flash map), or null
 * @param can         the same device on CAN (broadcast DBC, XCP calibration pages), or null when it has no CAN side
 */
@JsonIgnoreProperties({"$comment", "$schema"})
public record RegisterProfile(@JsonProperty(required = true) String format, @JsonProperty(required = true) String id, @JsonProperty(required = true) Text name, List<String> models,
                              @JsonProperty(required = true) LinkDefaults link, @JsonProperty(required = true) Identify identify, @JsonProperty(required = true) List<Block> blocks, Map<String, Field> telemetry, Cells cells,
                              Temperatures temperatures, List<FlagSet> flags, List<QuantityDef> quantities,
                              List<Command> commands, CalibrationRegisters calibration, String parameters,
                              Persist persist, Firmware firmware, Can can) {

    public static final String FORMAT = "bmsw-register-profile/1";

    /** Keys {@link #telemetry()} may use. */
    public static final List<String> PACK_FIELDS = List.of("soc", "soh", "voltage", "current", "fullChargeCapacity",
            "remainingCapacity", "cycleCount", "runTimeSeconds", "chemistry", "cellCount", "firmwareMajor",
            "firmwareMinor", "firmwarePatch");

    public RegisterProfile {
        models = models == null ? List.of() : List.copyOf(models);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        // document order, so that messages and checks follow the file
        telemetry = telemetry == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(telemetry));
        flags = flags == null ? List.of() : List.copyOf(flags);
        quantities = quantities == null ? List.of() : List.copyOf(quantities);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    /** A label in English and Chinese. */
    public record Text(@JsonProperty(required = true) String en, String zh) {
        public Text {
            Objects.requireNonNull(en, "en");
        }

        public LocalizedText localized() {
            return LocalizedText.of(en, zh);
        }
    }

    /** Serial defaults: baud, parity letter, default address. */
    public record LinkDefaults(@JsonProperty(required = true) int baud, @JsonProperty(required = true) String parity, @JsonProperty(required = true) int address) {
    }

    /**
     * Registers holding the model name in ASCII, two characters per register, high byte first: either the one
     * model ({@code ascii}) or any of several ({@code models}), whichever the device reports. With a
     * {@code pattern} (a regular expression the whole text must match) any matching text is accepted, for devices
     * whose documentation says where the text is but not what it says; {@code ascii} / {@code models} are then the
     * examples a simulated device reports.
     */
    public record Identify(@JsonProperty(required = true) int function, @JsonProperty(required = true) int register,
                           @JsonProperty(required = true) int count, String ascii, List<String> models, String pattern) {
        /** The model names a device of this profile may report (with a pattern: examples). */
        public List<String> accepted() {
            return models != null ? models : ascii == null ? List.of() : List.of(ascii);
        }

        /** Whether a device reporting {@code model} is one of this profile's. */
        public boolean matches(String model) {
            return pattern != null ? model.matches(pattern) : accepted().contains(model);
        }
    }

    /** Registers read in one request: function 3 (holding) or 4 (input). */
    public record Block(@JsonProperty(required = true) String id, @JsonProperty(required = true) int function, @JsonProperty(required = true) int register, @JsonProperty(required = true) int count) {
    }

    /** One value: raw type {@code u16, s16, u32, s32} (32-bit: high word first), value = raw * scale + add. */
    public record Field(@JsonProperty(required = true) String block, @JsonProperty(required = true) int at, @JsonProperty(required = true) String type, Double scale, Double add, Map<String, String> values) {
        public double scaleOr1() {
            return scale == null ? 1.0 : scale;
        }

        public double addOr0() {
            return add == null ? 0.0 : add;
        }

        public int words() {
            return type.startsWith("u32") || type.startsWith("s32") ? 2 : 1;
        }
    }

    /**
     * Cell voltages: {@code count} from a field key or {@code max}; {@code moduleSize} groups cells into
     * modules (0 = main board); {@code balancing} is a bitmap field, one bit per cell, low bit first.
     */
    public record Cells(@JsonProperty(required = true) String block, @JsonProperty(required = true) int at, @JsonProperty(required = true) String type, @JsonProperty(required = true) double scale,
                        @JsonProperty(required = true) int max, String countField, Integer moduleSize,
                        BitMap balancing, ModuleCounts moduleCounts) {
    }

    /**
     * Registers giving how many cells (or probes) each module has, module 0 (main board) first: the module of
     * item i follows from the running sum, and the total is the item count unless a count field says otherwise.
     */
    public record ModuleCounts(@JsonProperty(required = true) String block, @JsonProperty(required = true) int at, @JsonProperty(required = true) int words) {
    }

    /** A bitmap of {@code words} registers starting at {@code at}, low word first. */
    public record BitMap(@JsonProperty(required = true) String block, @JsonProperty(required = true) int at, @JsonProperty(required = true) int words) {
    }

    /** Temperature probes; a probe reading exactly {@code notFittedRaw} is not fitted. */
    public record Temperatures(@JsonProperty(required = true) String block, @JsonProperty(required = true) int at, @JsonProperty(required = true) String type,
                               @JsonProperty(required = true) double scale, @JsonProperty(required = true) int count, Integer notFittedRaw,
                               Integer perModule, List<String> labels, ModuleCounts moduleCounts) {
    }

    /**
     * A flag family. {@code bitsPerFlag} 1: on/off; 2: a level 0..3 per flag (alarms). Flags are listed from
     * the lowest bit of the first word; a {@code null} entry is an unused ("NC") position.
     */
    public record FlagSet(@JsonProperty(required = true) String group, @JsonProperty(required = true) Text label, @JsonProperty(required = true) String block, @JsonProperty(required = true) int at,
                          @JsonProperty(required = true) int words, @JsonProperty(required = true) int bitsPerFlag, @JsonProperty(required = true) String severity,
                          @JsonProperty(required = true) List<FlagDef> items) {
    }

    public record FlagDef(@JsonProperty(required = true) String key, @JsonProperty(required = true) Text label) {
    }

    /** A further measurement, e.g. insulation resistance; flagged on screen when any {@code flagWhen} rule holds. */
    public record QuantityDef(@JsonProperty(required = true) String key, @JsonProperty(required = true) Text label, @JsonProperty(required = true) String unit,
                              @JsonProperty(required = true) String category, @JsonProperty(required = true) Field field, List<FlagRule> flagWhen) {
        public QuantityDef {
            flagWhen = flagWhen == null ? List.of() : List.copyOf(flagWhen);
        }
    }

    /**
     * When a quantity is flagged: while flag {@code onlyWhile} ({@code GROUP.KEY}) is active, if given, and when
     * the value differs from quantity {@code differsFrom} by more than {@code moreThan}, if given. The JDI manual's
     * rule "VCC should equal the KeyOn voltage; contact us if they differ by more than 3 V" is
     * {@code {"differsFrom": "voltage.vcc", "moreThan": 3, "onlyWhile": "INPUT.KeyOn"}}.
     */
    public record FlagRule(String differsFrom, Double moreThan, String onlyWhile) {
    }

    /** Writing {@code value} to holding register {@code register} persists the RAM parameters ("Flash"). */
    public record Persist(@JsonProperty(required = true) int register, @JsonProperty(required = true) int value) {
    }

    /**
     * A command: write {@code value} to holding register {@code register}.
     *
     * @param description what it does to the battery, shown when confirming
     */
    public record Command(@JsonProperty(required = true) String key, @JsonProperty(required = true) Text label, @JsonProperty(required = true) Text description, boolean dangerous,
                          @JsonProperty(required = true) int register, @JsonProperty(required = true) int value) {
    }

    /**
     * Device-side current calibration. Zero: write {@code zeroValue} to {@code zeroRegister}. Gain: write
     * the reference current (A) as {@code gainType} with {@code gainScale} to {@code gainRegister},
     * multiplied by {@code chargingSign} (the Smart BMS wants charging current entered as negative: -1).
     */
    public record CalibrationRegisters(@JsonProperty(required = true) int zeroRegister, @JsonProperty(required = true) int zeroValue,
                                       @JsonProperty(required = true) int gainRegister, @JsonProperty(required = true) String gainType,
                                       @JsonProperty(required = true) double gainScale, @JsonProperty(required = true) int chargingSign) {
    }

    /**
     * Firmware update: writing {@code value} to holding register {@code register} restarts the application into
     * its bootloader, which speaks XCP inside Modbus function 109 at the same address.
     *
     * @param hardwareRevision what an image's manifest must name for this device
     * @param flashMap         where an application image may go
     * @param signedImages     images must carry a signature by a trusted key
     */
    public record Firmware(@JsonProperty(required = true) int register, @JsonProperty(required = true) int value, @JsonProperty(required = true) String hardwareRevision,
                           @JsonProperty(required = true) List<FirmwareUpdateSupport.FlashRegion> flashMap, boolean signedImages) {
        public Firmware {
            flashMap = flashMap == null ? List.of() : List.copyOf(flashMap);
        }
    }

    /**
     * The device on CAN: telemetry from the broadcast frames a DBC beside this file describes, parameters through XCP
     * calibration pages. It becomes a second profile, id {@code <id>.can}, next to the register one.
     *
     * @param dbc      file name of the DBC beside this file
     * @param name     display name of the CAN profile; the profile's name with " on CAN" when absent
     * @param bitrate  the bus's usual bit rate, bit/s
     * @param identify the signal whose {@code VAL_} descriptions name the model
     * @param fields   what signals carry, by {@code "Message.Signal"}: telemetry field names as the DBC's
     *                 {@code BMSW_Field} attribute gives them ({@code pack.voltage}, {@code cell.3.voltage} ...); they
     *                 replace the DBC's own, so a DBC needs no edit
     * @param xcp      where the parameters are on XCP, or null when they cannot be reached on CAN
     */
    public record Can(@JsonProperty(required = true) String dbc, Text name, @JsonProperty(required = true) int bitrate,
                      @JsonProperty(required = true) CanIdentify identify, Map<String, String> fields, Xcp xcp) {
        public Can {
            // document order, so that messages follow the file
            fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** The DBC message and signal that name the model (by the signal's {@code VAL_} descriptions). */
    public record CanIdentify(@JsonProperty(required = true) String message, @JsonProperty(required = true) String signal) {
    }

    /**
     * XCP on CAN: commands on {@code requestId}, responses on {@code responseId} (29-bit when {@code extended}; every
     * frame 8 bytes long when {@code padToEight}); the parameters' calibration segment, whose RAM page the device works
     * with ("Calibration") and whose flash page survives a restart ("Flash").
     */
    public record Xcp(@JsonProperty(required = true) int requestId, @JsonProperty(required = true) int responseId,
                      boolean extended, boolean padToEight, @JsonProperty(required = true) int segment,
                      @JsonProperty(required = true) int ramPage, @JsonProperty(required = true) int flashPage) {
    }
}
