package org.bmsw.calibration;

import java.util.Locale;

import org.bmsw.device.api.LocalizedText;

/**
 * How the user writes a charging current. This program (and {@link org.bmsw.device.api.PackState#current()}) counts
 * charging as positive; the Smart BMS manual's real-current calibration wants charging entered as negative
 * ("Charging Input '-' Symbol"). Either is accepted and converted; the report says which was used.
 */
public enum CurrentConvention {

    /** Charging positive, as a clamp meter on the charger lead shows it and as this program shows currents. */
    NATURAL(1, LocalizedText.of("charging positive (+), as the meter shows it", "充电为正（+），与电流表显示一致")),
    /** Charging negative, as the Smart BMS manual's Cal_Cur screen wants it. */
    MANUAL(-1, LocalizedText.of("charging negative (−), as the Smart BMS manual enters it",
            "充电为负（−），与 Smart BMS 说明书的输入方式一致"));

    private final int chargingSign;
    private final LocalizedText label;

    CurrentConvention(int chargingSign, LocalizedText label) {
        this.chargingSign = chargingSign;
        this.label = label;
    }

    /** The entered value in this program's convention (charging positive). */
    public double toChargingPositive(double entered) {
        return entered * chargingSign;
    }

    public LocalizedText label() {
        return label;
    }

    /** The name used in inputs and on the command line: {@code natural} or {@code manual}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the allowed keys
     */
    public static CurrentConvention of(String key) {
        for (CurrentConvention c : values()) {
            if (c.key().equalsIgnoreCase(key.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("sign convention '" + key + "' is neither 'natural' (charging positive) "
                + "nor 'manual' (charging negative, as the Smart BMS manual)");
    }

    /** "−30.0 A entered with charging negative = 30.0 A charging". */
    public LocalizedText explain(double entered) {
        double converted = toChargingPositive(entered);
        String direction = converted > 0 ? "charging" : converted < 0 ? "discharging" : "no current";
        String directionZh = converted > 0 ? "充电" : converted < 0 ? "放电" : "无电流";
        return LocalizedText.of(String.format(Locale.ROOT, "%s A entered with %s = %.1f A %s", plain(entered),
                        label.english(), Math.abs(converted), direction),
                String.format(Locale.ROOT, "输入 %s A（%s）= %s %.1f A", plain(entered), label.text(Locale.CHINESE),
                        directionZh, Math.abs(converted)));
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
