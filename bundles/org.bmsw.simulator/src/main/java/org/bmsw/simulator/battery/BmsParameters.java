package org.bmsw.simulator.battery;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameter map the simulated BMS runs on: keys are the Smart BMS V4.0 manual's names, values are in
 * engineering units — cell voltages in mV ({@code COV}, {@code CUVR}, {@code BalV}, {@code VDF}, {@code Vol0..10},
 * sleep voltages), pack voltages in V ({@code TOV}, {@code TUVR}), temperatures in °C, currents in A, delays in
 * seconds ({@code ...Delay}, {@code ...RDelay}), sleep delays in minutes, capacity in Ah.
 *
 * <p>How the simulator reads them:
 * <ul>
 * <li>Protection {@code X} (see {@link Protection#parameterKey()}): threshold {@code X}, trip delay {@code XDelay},
 *     release threshold {@code XR}, release delay {@code XRDelay}. A missing or NaN threshold disables it.
 *     {@code SC} trips at once; its release delay is {@code SCRDelay} (not in the manual, default 30 s).
 *     {@code VDF} uses {@code VDFDelay}/{@code VDFR}/{@code VDFRDelay} (not in the manual; defaults 5 s, 80 % of VDF, 30 s).</li>
 * <li>Alarm levels {@code X1..X3} per {@link Alarm#parameterKey()}, including {@code OTD1..3}, {@code OTC1..3},
 *     {@code UTD1..3}, {@code UTC1..3}, {@code VDF1..3}, and {@code OCDA1..3} / {@code OCCA1..3} for the over-current
 *     alarms ({@code OCD2} is already the second over-current protection). The manual lists these alarms without key
 *     names; alarms act at once, without delay.</li>
 * <li>Balancing: {@code BalV} (mV), {@code BalVdiff} (mV), {@code BalPer} (% duty), {@code BalT} (°C).</li>
 * <li>Sleep: {@code PowerDownEn}, {@code FastVoltage}/{@code FastDelay}, {@code MidVoltage}/{@code MidDelay},
 *     {@code SlowVoltage}/{@code SlowDelay} (mV / minutes).</li>
 * <li>System: {@code FCC} (Ah, rated capacity; default the configured capacity × SOH), {@code SHIELD_I} (A, below it the
 *     BMS counts as at rest), {@code HOT_ON_T}/{@code HOT_OFF_T} (°C), {@code HOT_ON_TIME}/{@code HOT_OFF_TIME} (s),
 *     {@code PRECHG_TIME} (s, Smart BMS timed pre-charge; 0 = none), {@code MR}/{@code MRGND} (kΩ insulation
 *     thresholds for HV+ / HV−, 0 = not checked), {@code Vol0..Vol10} (the BMS's own OCV table, mV at 0..100 % SOC).</li>
 * </ul>
 */
public final class BmsParameters {

    private BmsParameters() {
    }

    /**
     * Factory values for a chemistry and cell count, from the manual's two example screens (the LFP table and the
     * NMC-like 4.2 V one); pack voltages scale with the cell count; alarm levels step towards the protection
     * threshold (level 3 = protection threshold, as in the manual's example); {@code Vol0..Vol10} are sampled from the
     * chemistry's curve (for LFP that is the manual's table).
     */
    public static Map<String, Double> defaults(Chemistry chemistry, int cells) {
        Map<String, Double> p = new TreeMap<>();
        if (chemistry == Chemistry.LFP) {
            put(p, "COV", 3650, "COVDelay", 5, "COVR", 3450, "COVRDelay", 30);
            put(p, "CUV", 2600, "CUVDelay", 5, "CUVR", 3000, "CUVRDelay", 30);
            put(p, "TOV", round(cells * 3.70), "TOVDelay", 1, "TOVR", round(cells * 3.48), "TOVRDelay", 5);
            put(p, "TUV", round(cells * 2.50), "TUVDelay", 1, "TUVR", round(cells * 2.90), "TUVRDelay", 5);
            put(p, "BalV", 3450, "BalVdiff", 30, "BalPer", 50, "BalT", 60);
            put(p, "VDF", 1000);
            put(p, "COV1", 3580, "COV2", 3620, "COV3", 3650);
            put(p, "CUV1", 2800, "CUV2", 2700, "CUV3", 2600);
            put(p, "TOV1", round(cells * 3.60), "TOV2", round(cells * 3.65), "TOV3", round(cells * 3.70));
            put(p, "TUV1", round(cells * 2.70), "TUV2", round(cells * 2.60), "TUV3", round(cells * 2.50));
        } else {
            put(p, "COV", 4200, "COVDelay", 5, "COVR", 4120, "COVRDelay", 30);
            put(p, "CUV", 3000, "CUVDelay", 5, "CUVR", 3100, "CUVRDelay", 30);
            put(p, "TOV", round(cells * 4.20), "TOVDelay", 1, "TOVR", round(cells * 4.12), "TOVRDelay", 5);
            put(p, "TUV", round(cells * 3.00), "TUVDelay", 1, "TUVR", round(cells * 3.10), "TUVRDelay", 5);
            put(p, "BalV", 4100, "BalVdiff", 5, "BalPer", 20, "BalT", 60);
            put(p, "VDF", 2000);
            put(p, "COV1", 4100, "COV2", 4150, "COV3", 4200);
            put(p, "CUV1", 3100, "CUV2", 3050, "CUV3", 3000);
            put(p, "TOV1", round(cells * 4.10), "TOV2", round(cells * 4.15), "TOV3", round(cells * 4.20));
            put(p, "TUV1", round(cells * 3.10), "TUV2", round(cells * 3.05), "TUV3", round(cells * 3.00));
        }
        // the BMS's own OCV table agrees with the cells by default (for LFP these are the manual's values)
        for (int i = 0; i <= 10; i++) {
            p.put("Vol" + i, (double) Math.round(chemistry.ocv().ocv(i / 10.0) * 1000));
        }
        put(p, "OTD", 60, "OTDDelay", 5, "OTDR", 55, "OTDRDelay", 10);
        put(p, "OTC", 60, "OTCDelay", 5, "OTCR", 55, "OTCRDelay", 10);
        put(p, "UTD", -20, "UTDDelay", 5, "UTDR", -10, "UTDRDelay", 10);
        put(p, "UTC", -20, "UTCDelay", 5, "UTCR", -10, "UTCRDelay", 10);
        put(p, "OCD", 400, "OCDDelay", 30, "OCDR", 5, "OCDRDelay", 30);
        put(p, "OCC", 150, "OCCDelay", 2, "OCCR", 2, "OCCRDelay", 30);
        put(p, "OCD2", 500, "OCD2Delay", 5, "OCD2R", 5, "OCD2RDelay", 30);
        put(p, "SC", 800, "SCRDelay", 30);
        double vdf = p.get("VDF");
        put(p, "VDFDelay", 5, "VDFR", vdf * 0.8, "VDFRDelay", 30);
        put(p, "VDF1", vdf * 0.5, "VDF2", vdf * 0.75, "VDF3", vdf);
        put(p, "OTD1", 50, "OTD2", 55, "OTD3", 60);
        put(p, "OTC1", 50, "OTC2", 55, "OTC3", 60);
        put(p, "UTD1", -10, "UTD2", -15, "UTD3", -20);
        put(p, "UTC1", -10, "UTC2", -15, "UTC3", -20);
        // "OCD2" is the manual's second discharge over-current protection, so the over-current alarm levels are
        // keyed OCDA1..3 / OCCA1..3 (A = alarm) rather than OCD1..3.
        put(p, "OCDA1", 320, "OCDA2", 360, "OCDA3", 400);
        put(p, "OCCA1", 120, "OCCA2", 135, "OCCA3", 150);
        put(p, "PowerDownEn", 1, "FastVoltage", 2200, "FastDelay", 10, "MidVoltage", 3200);
        put(p, "MidDelay", 5400, "SlowVoltage", 3300, "SlowDelay", 10080);
        put(p, "SHIELD_I", 3, "HOT_ON_T", 0, "HOT_OFF_T", 10, "HOT_ON_TIME", 50);
        put(p, "HOT_OFF_TIME", 0, "PRECHG_TIME", 0, "MR", 100, "MRGND", 100);
        return Collections.unmodifiableMap(p);
    }

    /** {@link #defaults(Chemistry, int)} with {@code overrides} on top (NaN values disable the key). */
    public static Map<String, Double> defaultsWith(Chemistry chemistry, int cells, Map<String, Double> overrides) {
        Map<String, Double> p = new TreeMap<>(defaults(chemistry, cells));
        p.putAll(overrides);
        return Collections.unmodifiableMap(p);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void put(Map<String, Double> p, Object... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
    }
}
