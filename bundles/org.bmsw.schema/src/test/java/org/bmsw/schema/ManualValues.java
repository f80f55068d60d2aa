package org.bmsw.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example values of the Smart BMS V4.0 manual, transcribed as they are printed.
 *
 * <p>The manual has two parameter tables for two different packs:
 * <ul>
 * <li>the English screenshot ("SYSTEM PARAMETER ... SLEEP PARAMETER"): 24 cells, NMC thresholds
 *     (COV 4200 mV, TOV 100.8 V = 24 &times; 4.2 V), although the same screen's battery information says
 *     "BatType LFP" with 3.3 V cells;</li>
 * <li>the Chinese tables ("系统参数 ... 休眠参数"): 23 cells (AFE 12 + 11), LFP thresholds (COV 3650 mV,
 *     TOV 85 V), LFP OCV table (2500..3550 mV), medium sleep time 5760 min.</li>
 * </ul>
 * Where a table has no value (the Chinese ALARM table lists names only; its calibration table shows NC for
 * Call_HV .. LowRSOCEnable), the gaps are filled as documented at each place below.
 */
final class ManualValues {

    private ManualValues() {
    }

    /** The English screenshot, every field as printed, plus the ALARM levels the manual does not give. */
    static Map<String, Double> english() {
        Map<String, Double> m = new LinkedHashMap<>();
        // SYSTEM PARAMETER
        put(m, "485_ADDR", 1, "485_BOUND", 9600, "CAN1_BPS", 250, "CAN2_BPS", 250, "CTIME", 1000, "CELLNUM", 24,
                "AFE_M", 12, "AFE_S", 12, "FCC", 50, "STATE", 3, "CHG_V", 56, "CHG_C", 10, "REALRC_H", 102, "REALRC_L", 95,
                "SHIELD_I", 3, "SAMPRES", 20, "HOT_ON_T", 0, "HOT_OFF_T", 10, "HOT_ON_TIME", 50, "HOT_OFF_TIME", 0,
                "CAN_ID", 3, "CTRL_PLY", 3, "PRECHG_TIME", 0, "NC", 0);
        // PROTECT PARAMETER (the screenshot prints "OTDRDelay" twice; the first is OTDDelay)
        put(m, "TOV", 100.8, "TOVDelay", 1, "TOVR", 98.88, "TOVRDelay", 5,
                "COV", 4200, "COVDelay", 5, "COVR", 4120, "COVRDelay", 30,
                "TUV", 72, "TUVDelay", 1, "TUVR", 74.4, "TUVRDelay", 5,
                "CUV", 3000, "CUVDelay", 5, "CUVR", 3100, "CUVRDelay", 30,
                "OTD", 60, "OTDDelay", 5, "OTDR", 55, "OTDRDelay", 10,
                "OTC", 60, "OTCDelay", 5, "OTCR", 55, "OTCRDelay", 10,
                "UTD", -20, "UTDDelay", 5, "UTDR", -10, "UTDRDelay", 10,
                "UTC", -20, "UTCDelay", 5, "UTCR", -10, "UTCRDelay", 10,
                "OCD", 450, "OCDDelay", 30, "OCDR", 5, "OCDRDelay", 30,
                "OCC", 220, "OCCDelay", 2, "OCCR", 3, "OCCRDelay", 30,
                "OCD2", 550, "OCD2Delay", 5, "OCD2R", 5, "OCD2RDelay", 30,
                "SC", 800, "VDF", 2000, "BalV", 4100, "BalVdiff", 5, "BalPer", 20, "BalT", 60, "MR", 20, "MRGND", 0,
                "PCHG_TUV", 0, "PCHG_TUVDelay", 0, "PCHG_TUVR", 0, "PCHG_TUVRDelay", 0);
        // CALBRATION PARAMTER
        put(m, "C_Gain", 82, "C_Offset", 16380, "TempOffset1", 400, "TempOffset2", 400, "TempOffset3", 400,
                "Vol0", 3010, "Vol1", 3300, "Vol2", 3710, "Vol3", 3730, "Vol4", 3750, "Vol5", 3780, "Vol6", 3810,
                "Vol7", 3860, "Vol8", 3920, "Vol9", 4000, "Vol10", 4150, "FCC_Iteration", 50, "Call_HV", 0, "Call_LV", 0,
                "Call_MidFlag", 110, "Call_MidEnable", 70, "ChgRate", 100, "DsgRate", 102, "FCCRate", 100,
                "SelfPowerLoss", 10, "LowRSOCEnable", 0);
        // ALARM PARAMETER as printed
        put(m, "TOV1", 98.4, "TOV2", 99.6, "TOV3", 100.8, "COV1", 4100, "COV2", 4150, "COV3", 4200,
                "TUV1", 74.4, "TUV2", 73.2, "TUV3", 72, "CUV1", 3100, "CUV2", 3050, "CUV3", 3000);
        // ALARM quantities of the Chinese table that no table gives values for: chosen to lead up to the trips
        put(m, "OTD1", 50, "OTD2", 55, "OTD3", 60, "OTC1", 50, "OTC2", 55, "OTC3", 60,
                "UTD1", -10, "UTD2", -15, "UTD3", -20, "UTC1", -10, "UTC2", -15, "UTC3", -20,
                "OCDA1", 400, "OCDA2", 425, "OCDA3", 450, "OCCA1", 180, "OCCA2", 200, "OCCA3", 220,
                "VDF1", 1000, "VDF2", 1500, "VDF3", 2000);
        // SLEEP PARAMETER
        put(m, "PowerDownEn", 1, "FastVoltage", 2200, "FastDelay", 10, "MidVoltage", 3200, "MidDelay", 5400,
                "SlowVoltage", 3300, "SlowDelay", 10080);
        return m;
    }

    /**
     * The Chinese tables (23S LFP). Gaps: the ALARM levels (no values in the manual) are derived from this
     * pack's trips the same way the English screen's are (level 3 = trip, pack = cell &times; 23); Call_HV ..
     * LowRSOCEnable (NC in the table) keep the English screen's values.
     */
    static Map<String, Double> chinese() {
        Map<String, Double> m = new LinkedHashMap<>(english());
        // 系统参数
        put(m, "485_ADDR", 1, "485_BOUND", 9600, "CAN1_BPS", 250, "CAN2_BPS", 250, "CTIME", 1000, "CELLNUM", 23,
                "AFE_M", 12, "AFE_S", 11, "FCC", 50, "STATE", 3, "CHG_V", 84, "CHG_C", 10, "REALRC_H", 102, "REALRC_L", 95,
                "SHIELD_I", 3, "SAMPRES", 20, "HOT_ON_T", 0, "HOT_OFF_T", 10, "HOT_ON_TIME", 50, "HOT_OFF_TIME", 0,
                "CAN_ID", 3, "CTRL_PLY", 3, "PRECHG_TIME", 0);
        // 保护参数
        put(m, "TOV", 85, "TOVDelay", 1, "TOVR", 80, "TOVRDelay", 5,
                "COV", 3650, "COVDelay", 5, "COVR", 3450, "COVRDelay", 30,
                "TUV", 57.5, "TUVDelay", 1, "TUVR", 66.7, "TUVRDelay", 5,
                "CUV", 2600, "CUVDelay", 5, "CUVR", 3000, "CUVRDelay", 30,
                "OTD", 60, "OTDDelay", 5, "OTDR", 55, "OTDRDelay", 10,
                "OTC", 60, "OTCDelay", 5, "OTCR", 55, "OTCRDelay", 10,
                "UTD", -20, "UTDDelay", 5, "UTDR", -10, "UTDRDelay", 10,
                "UTC", -20, "UTCDelay", 5, "UTCR", -10, "UTCRDelay", 10,
                "OCD", 400, "OCDDelay", 30, "OCDR", 5, "OCDRDelay", 30,
                "OCC", 150, "OCCDelay", 2, "OCCR", 2, "OCCRDelay", 30,
                "OCD2", 500, "OCD2Delay", 5, "OCD2R", 5, "OCD2RDelay", 30,
                "SC", 800, "VDF", 1000, "BalV", 3450, "BalVdiff", 30, "BalPer", 50, "BalT", 60, "MR", 20, "MRGND", 0,
                "PCHG_TUV", 0, "PCHG_TUVDelay", 0, "PCHG_TUVR", 0, "PCHG_TUVRDelay", 0);
        // 校准参数 ("Actual capacity 50" stands where the English screen has FCC_Iteration)
        put(m, "C_Gain", 82, "C_Offset", 16380, "TempOffset1", 400, "TempOffset2", 400, "TempOffset3", 400,
                "Vol0", 2500, "Vol1", 3150, "Vol2", 3195, "Vol3", 3213, "Vol4", 3227, "Vol5", 3236, "Vol6", 3245,
                "Vol7", 3265, "Vol8", 3280, "Vol9", 3290, "Vol10", 3550, "FCC_Iteration", 50);
        // 报警参数: names only in the manual; derived for this pack
        put(m, "COV1", 3550, "COV2", 3600, "COV3", 3650, "TOV1", 81.65, "TOV2", 82.8, "TOV3", 83.95,
                "CUV1", 2800, "CUV2", 2700, "CUV3", 2600, "TUV1", 64.4, "TUV2", 62.1, "TUV3", 59.8,
                "OCDA1", 350, "OCDA2", 375, "OCDA3", 400, "OCCA1", 120, "OCCA2", 135, "OCCA3", 150,
                "VDF1", 500, "VDF2", 800, "VDF3", 1000);
        // 休眠参数
        put(m, "PowerDownEn", 1, "FastVoltage", 2200, "FastDelay", 10, "MidVoltage", 3200, "MidDelay", 5760,
                "SlowVoltage", 3300, "SlowDelay", 10080);
        return m;
    }

    private static void put(Map<String, Double> m, Object... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
    }
}
