package org.bmsw.simulator.battery;

/**
 * The ALARM_FLAG entries of the Smart BMS V4.0 (order of the manual's translated table; the screenshot's
 * grid lost OTC/UTD to layout). Leveled alarms take their thresholds from {@code <prefix>1..3}
 * (e.g. {@code COV1, COV2, COV3}); {@code D_ER}, {@code C_ER}, {@code COMM} and {@code SC} have no
 * thresholds and show level 1 while their cause is present. The over-current alarms use {@code OCDA1..3} and
 * {@code OCCA1..3}, because {@code OCD2} already names the second discharge over-current protection. Alarms never switch anything off.
 */
public enum Alarm {
    TOV("TOV", "Total voltage over-voltage", "总压过压", true),
    COV("COV", "Cell over-voltage", "单体过压", true),
    TUV("TUV", "Total voltage under-voltage", "总压欠压", true),
    CUV("CUV", "Cell under-voltage", "单体欠压", true),
    OTD("OTD", "Discharge high temperature", "放电高温", true),
    OTC("OTC", "Charge high temperature", "充电高温", true),
    UTD("UTD", "Discharge low temperature", "放电低温", true),
    UTC("UTC", "Charge low temperature", "充电低温", true),
    OCD("OCDA", "Discharge over-current", "放电过流", true),
    OCC("OCCA", "Charge over-current", "充电过流", true),
    VDIFF("VDF", "Cell voltage difference", "压差", true),
    D_ER("", "Discharge failure", "放电故障", false),
    C_ER("", "Charge failure", "充电故障", false),
    COMM("", "Communication fault", "通讯故障", false),
    SC("", "Short circuit", "短路", false);

    private final String parameterKey;
    private final String english;
    private final String chinese;
    private final boolean leveled;

    Alarm(String parameterKey, String english, String chinese, boolean leveled) {
        this.parameterKey = parameterKey;
        this.english = english;
        this.chinese = chinese;
        this.leveled = leveled;
    }

    /** The manual's flag name, e.g. {@code VDIFF}, {@code D_ER}. */
    public String flagKey() {
        return name();
    }

    /** Prefix of the level thresholds ({@code COV} for {@code COV1..COV3}); empty when the alarm has none. */
    public String parameterKey() {
        return parameterKey;
    }

    public boolean leveled() {
        return leveled;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
