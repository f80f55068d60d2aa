package org.bmsw.can.dbc.telemetry;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a signal carries, named by its {@value #ATTRIBUTE} attribute in the DBC. Signals without the attribute
 * are for other receivers and ignored here.
 *
 * <table>
 * <caption>Field names</caption>
 * <tr><td>{@code pack.soc, pack.soh, pack.voltage, pack.current, pack.fullChargeCapacity, pack.remainingCapacity,
 * pack.cycleCount, pack.runTimeSeconds, pack.cellCount, pack.chemistry}</td><td>pack values (chemistry by its
 * {@code VAL_} name)</td></tr>
 * <tr><td>{@code device.model, device.firmwareMajor, device.firmwareMinor, device.firmwarePatch}</td><td>identity
 * (the model by its {@code VAL_} name)</td></tr>
 * <tr><td>{@code cell.<n>.voltage}, {@code cell.<n>.balancing}</td><td>cell n (1-based), V / 0-1</td></tr>
 * <tr><td>{@code temperature.<n>}</td><td>probe n (1-based), °C; a raw value with every bit set means "not fitted"</td></tr>
 * <tr><td>{@code module.<m>.cells}, {@code module.<m>.probes}</td><td>cells and probes on module m (0 = main board)</td></tr>
 * <tr><td>{@code flag.<GROUP>.<KEY>}</td><td>a flag; its value is its level (0 off, 1..3)</td></tr>
 * <tr><td>{@code quantity.<key>}</td><td>a further measurement, in the signal's unit</td></tr>
 * </table>
 *
 * @param kind  what sort of value
 * @param key   the pack/device key, flag key, quantity key; empty for cells, probes and modules
 * @param group the flag group; empty otherwise
 * @param index cell, probe or module number; 0 otherwise
 */
public record TelemetryField(Kind kind, String key, String group, int index) {

    /** The DBC signal attribute (STRING) naming the field. */
    public static final String ATTRIBUTE = "BMSW_Field";

    public enum Kind { PACK, DEVICE, CELL_VOLTAGE, CELL_BALANCING, TEMPERATURE, MODULE_CELLS, MODULE_PROBES, FLAG, QUANTITY }

    public static final List<String> PACK_KEYS = List.of("soc", "soh", "voltage", "current", "fullChargeCapacity",
            "remainingCapacity", "cycleCount", "runTimeSeconds", "cellCount", "chemistry");
    public static final List<String> DEVICE_KEYS = List.of("model", "firmwareMajor", "firmwareMinor", "firmwarePatch");

    private static final Pattern CELL = Pattern.compile("cell\\.(\\d{1,4})\\.(voltage|balancing)");
    private static final Pattern TEMPERATURE = Pattern.compile("temperature\\.(\\d{1,4})");
    private static final Pattern MODULE = Pattern.compile("module\\.(\\d{1,3})\\.(cells|probes)");
    private static final Pattern FLAG = Pattern.compile("flag\\.([A-Za-z][A-Za-z0-9_]*)\\.([A-Za-z0-9_]+)");
    private static final Pattern QUANTITY = Pattern.compile("quantity\\.([A-Za-z0-9_.]+)");

    /**
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static TelemetryField parse(String text) {
        Matcher m;
        if (text.startsWith("pack.") && PACK_KEYS.contains(text.substring(5))) {
            return new TelemetryField(Kind.PACK, text.substring(5), "", 0);
        }
        if (text.startsWith("device.") && DEVICE_KEYS.contains(text.substring(7))) {
            return new TelemetryField(Kind.DEVICE, text.substring(7), "", 0);
        }
        if ((m = CELL.matcher(text)).matches() && Integer.parseInt(m.group(1)) >= 1) {
            return new TelemetryField(m.group(2).equals("voltage") ? Kind.CELL_VOLTAGE : Kind.CELL_BALANCING, "", "",
                    Integer.parseInt(m.group(1)));
        }
        if ((m = TEMPERATURE.matcher(text)).matches() && Integer.parseInt(m.group(1)) >= 1) {
            return new TelemetryField(Kind.TEMPERATURE, "", "", Integer.parseInt(m.group(1)));
        }
        if ((m = MODULE.matcher(text)).matches()) {
            return new TelemetryField(m.group(2).equals("cells") ? Kind.MODULE_CELLS : Kind.MODULE_PROBES, "", "",
                    Integer.parseInt(m.group(1)));
        }
        if ((m = FLAG.matcher(text)).matches()) {
            return new TelemetryField(Kind.FLAG, m.group(2), m.group(1), 0);
        }
        if ((m = QUANTITY.matcher(text)).matches()) {
            return new TelemetryField(Kind.QUANTITY, m.group(1), "", 0);
        }
        throw new IllegalArgumentException("'" + text + "' is not a telemetry field (pack." + PACK_KEYS + ", device."
                + DEVICE_KEYS + ", cell.<n>.voltage|balancing, temperature.<n>, module.<m>.cells|probes, "
                + "flag.<GROUP>.<KEY>, quantity.<key>)");
    }

    /** The text form, as written in the DBC. */
    public String text() {
        return switch (kind) {
            case PACK -> "pack." + key;
            case DEVICE -> "device." + key;
            case CELL_VOLTAGE -> "cell." + index + ".voltage";
            case CELL_BALANCING -> "cell." + index + ".balancing";
            case TEMPERATURE -> "temperature." + index;
            case MODULE_CELLS -> "module." + index + ".cells";
            case MODULE_PROBES -> "module." + index + ".probes";
            case FLAG -> "flag." + group + "." + key;
            case QUANTITY -> "quantity." + key;
        };
    }
}
