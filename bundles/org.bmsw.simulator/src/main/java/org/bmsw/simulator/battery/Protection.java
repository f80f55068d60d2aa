package org.bmsw.simulator.battery;

/**
 * The PROTECT_FLAG bits of the Smart BMS V4.0, in the manual's order; {@link #bit()} is the position
 * in that order (bit 0 = {@code SCBit}). Which switch each one opens:
 * over-voltage, charge temperatures and charge over-current open the charge switch; under-voltage,
 * discharge temperatures, discharge over-currents and short circuit open the discharge switch; a cell
 * voltage difference, a communication fault and a power fault open both; a pre-charge failure keeps the
 * discharge side open.
 */
public enum Protection {
    SC("SCBit", "SC", "Short circuit", "短路", false, true),
    VDIF("VDIFBit", "VDF", "Cell voltage difference", "压差", true, true),
    OCD2("OCD2Bit", "OCD2", "Discharge over-current 2", "放电过流2", false, true),
    OCC("OCCBit", "OCC", "Charge over-current", "充电过流", true, false),
    OCD("OCDBit", "OCD", "Discharge over-current", "放电过流", false, true),
    TOV("TOVBit", "TOV", "Total voltage over-voltage", "总压过压", true, false),
    TUV("TUVBit", "TUV", "Total voltage under-voltage", "总压欠压", false, true),
    COV("COVBit", "COV", "Cell over-voltage", "单体过压", true, false),
    CUV("CUVBit", "CUV", "Cell under-voltage", "单体欠压", false, true),
    OTC("OTCBit", "OTC", "Charge high temperature", "充电高温", true, false),
    UTC("UTCBit", "UTC", "Charge low temperature", "充电低温", true, false),
    OTD("OTDBit", "OTD", "Discharge high temperature", "放电高温", false, true),
    UTD("UTDBit", "UTD", "Discharge low temperature", "放电低温", false, true),
    COM("COMBit", "", "Communication fault", "通讯故障", true, true),
    PWR("PWRBit", "", "Power failure", "电源故障", true, true),
    PRECHG("PreChg", "", "Pre-charge / temperature sensor fault", "预充/温度故障", false, true);

    private final String flagKey;
    private final String parameterKey;
    private final String english;
    private final String chinese;
    private final boolean cutsCharge;
    private final boolean cutsDischarge;

    Protection(String flagKey, String parameterKey, String english, String chinese, boolean cutsCharge, boolean cutsDischarge) {
        this.flagKey = flagKey;
        this.parameterKey = parameterKey;
        this.english = english;
        this.chinese = chinese;
        this.cutsCharge = cutsCharge;
        this.cutsDischarge = cutsDischarge;
    }

    /** The manual's flag name, e.g. {@code COVBit}. */
    public String flagKey() {
        return flagKey;
    }

    /** The parameter-map prefix of its thresholds ({@code COV}, {@code COVR}, {@code COVDelay}, {@code COVRDelay}); empty when none. */
    public String parameterKey() {
        return parameterKey;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    /** Position in the manual's PROTECT_FLAG order. */
    public int bit() {
        return ordinal();
    }

    public boolean cutsCharge() {
        return cutsCharge;
    }

    public boolean cutsDischarge() {
        return cutsDischarge;
    }

    public static Protection byFlagKey(String key) {
        for (Protection p : values()) {
            if (p.flagKey.equalsIgnoreCase(key) || p.name().equalsIgnoreCase(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no protection " + key);
    }
}
