package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.bmsw.device.api.AccessLevel;
import org.junit.jupiter.api.Test;

/** The real Smart BMS V4.0 schema: complete, coherent, and its rules work on the manual's values. */
class SmartBmsSchemaTest {

    private final ParameterSchema schema = Fixtures.smartBms();
    private final ParameterValidator validator = new ParameterValidator(schema);

    /** Every key the manual's English parameter screen shows, group by group. */
    private static final Map<String, List<String>> MANUAL_KEYS = Map.of(
            "SYSTEM", List.of("485_ADDR", "485_BOUND", "CAN1_BPS", "CAN2_BPS", "CTIME", "CELLNUM", "AFE_M", "AFE_S",
                    "FCC", "STATE", "CHG_V", "CHG_C", "REALRC_H", "REALRC_L", "SHIELD_I", "SAMPRES", "HOT_ON_T",
                    "HOT_OFF_T", "HOT_ON_TIME", "HOT_OFF_TIME", "CAN_ID", "CTRL_PLY", "PRECHG_TIME", "NC"),
            "PROTECT", List.of("TOV", "TOVDelay", "TOVR", "TOVRDelay", "COV", "COVDelay", "COVR", "COVRDelay", "TUV",
                    "TUVDelay", "TUVR", "TUVRDelay", "CUV", "CUVDelay", "CUVR", "CUVRDelay", "OTD", "OTDDelay", "OTDR",
                    "OTDRDelay", "OTC", "OTCDelay", "OTCR", "OTCRDelay", "UTD", "UTDDelay", "UTDR", "UTDRDelay", "UTC",
                    "UTCDelay", "UTCR", "UTCRDelay", "OCD", "OCDDelay", "OCDR", "OCDRDelay", "OCC", "OCCDelay", "OCCR",
                    "OCCRDelay", "OCD2", "OCD2Delay", "OCD2R", "OCD2RDelay", "SC", "VDF", "BalV", "BalVdiff", "BalPer",
                    "BalT", "MR", "MRGND", "PCHG_TUV", "PCHG_TUVDelay", "PCHG_TUVR", "PCHG_TUVRDelay"),
            "CALIBRATION", List.of("C_Gain", "C_Offset", "TempOffset1", "TempOffset2", "TempOffset3", "Vol0", "Vol1",
                    "Vol2", "Vol3", "Vol4", "Vol5", "Vol6", "Vol7", "Vol8", "Vol9", "Vol10", "FCC_Iteration", "Call_HV",
                    "Call_LV", "Call_MidFlag", "Call_MidEnable", "ChgRate", "DsgRate", "FCCRate", "SelfPowerLoss",
                    "LowRSOCEnable"),
            "ALARM", List.of("TOV1", "TOV2", "TOV3", "COV1", "COV2", "COV3", "TUV1", "TUV2", "TUV3", "CUV1", "CUV2", "CUV3"),
            "SLEEP", List.of("PowerDownEn", "FastVoltage", "FastDelay", "MidVoltage", "MidDelay", "SlowVoltage",
                    "SlowDelay"));

    /** The further alarm quantities of the Chinese ALARM table, each with levels 1..3. */
    private static final List<String> CHINESE_ALARM_FAMILIES = List.of("OTD", "OTC", "UTD", "UTC", "OCDA", "OCCA", "VDF");

    @Test
    void hasEveryParameterOfTheManualInItsGroup() {
        for (Map.Entry<String, List<String>> g : MANUAL_KEYS.entrySet()) {
            for (String key : g.getValue()) {
                ParameterDef d = schema.parameter(key).orElseThrow(() -> new AssertionError("missing " + key));
                assertEquals(g.getKey(), d.group(), key);
            }
        }
        for (String family : CHINESE_ALARM_FAMILIES) {
            for (int level = 1; level <= 3; level++) {
                assertEquals("ALARM", schema.require(family + level).group(), family + level);
            }
        }
        assertEquals(24, schema.parametersIn("SYSTEM").size());
        assertEquals(MANUAL_KEYS.get("PROTECT").size(), schema.parametersIn("PROTECT").size());
        assertEquals(MANUAL_KEYS.get("CALIBRATION").size(), schema.parametersIn("CALIBRATION").size());
        assertEquals(MANUAL_KEYS.get("ALARM").size() + 3 * CHINESE_ALARM_FAMILIES.size(), schema.parametersIn("ALARM").size());
        assertEquals(7, schema.parametersIn("SLEEP").size());
        assertEquals(List.of("SYSTEM", "PROTECT", "CALIBRATION", "ALARM", "SLEEP"),
                schema.groups().stream().map(ParameterGroup::key).toList());
    }

    @Test
    void everyParameterHasEnglishAndChineseLabelsAndARegister() {
        Set<Integer> registers = new HashSet<>();
        for (ParameterDef d : schema.parameters()) {
            assertNotNull(d.label().texts().get("en"), d.key());
            String zh = d.label().texts().get("zh");
            assertNotNull(zh, d.key() + " has no Chinese label");
            assertTrue(zh.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN),
                    d.key() + ": Chinese label has no Chinese: " + zh);
            assertTrue(d.location().hasRegister(), d.key());
            for (int w = 0; w < d.type().words(); w++) {
                assertTrue(registers.add(d.location().register() + w), d.key() + " overlaps");
            }
            int base = switch (d.group()) {
                case "SYSTEM" -> 0x1000;
                case "PROTECT" -> 0x1100;
                case "CALIBRATION" -> 0x1200;
                case "ALARM" -> 0x1300;
                case "SLEEP" -> 0x1400;
                default -> throw new AssertionError(d.group());
            };
            assertTrue(d.location().register() >= base && d.location().register() < base + 0x100,
                    d.key() + " register 0x" + Integer.toHexString(d.location().register()) + " outside its group's block");
        }
        assertEquals(Persistence.IMMEDIATE, schema.persistence());
        assertEquals("smartbms.v4", schema.profileId());
    }

    @Test
    void manualExampleValuesAreValidValues() {
        for (Map<String, Double> set : List.of(ManualValues.english(), ManualValues.chinese())) {
            assertEquals(schema.keys(), set.keySet(), "the example sets cover every parameter");
            for (Map.Entry<String, Double> e : set.entrySet()) {
                assertEquals(List.of(), validator.validateStoredValue(e.getKey(), e.getValue()), e.getKey());
                ParameterDef d = schema.require(e.getKey());
                // raw round trip: what the device would store gives back the same number
                assertEquals(e.getValue(), d.toEngineering(d.toRaw(e.getValue())), 1e-9, e.getKey());
            }
        }
    }

    @Test
    void englishScreenIsACoherentNmcSet() {
        Map<String, Double> english = ManualValues.english();
        ValidationContext nmc = new ValidationContext(AccessLevel.ENGINEER, "NMC");
        // as a device's content: every rule holds (no "already on the device" problem)
        assertEquals(List.of(), validator.validateSet(english, english, nmc).problems());
        // and as values to write: only the dangerous fields ask for confirmation, nothing is an error except
        // the factory and read-only fields, which a write never changes
        ValidationResult asChanges = validator.validateSet(Map.of(), english, nmc);
        assertEquals(Set.of("STATE", "NC"), asChanges.errors().stream().map(Problem::key).collect(Collectors.toSet()));
        for (Problem p : asChanges.confirmations()) {
            assertEquals(Problem.DANGEROUS, p.ruleId(), p.toString());
        }
        // the defaults of the schema are this screen
        assertEquals(new TreeMap<>(english), new TreeMap<>(schema.defaults()));
    }

    @Test
    void chineseTablesAreACoherentLfpSet() {
        Map<String, Double> chinese = ManualValues.chinese();
        ValidationContext lfp = new ValidationContext(AccessLevel.ENGINEER, "LFP");
        assertEquals(List.of(), validator.validateSet(chinese, chinese, lfp).problems());
    }

    @Test
    void englishScreenThresholdsAreOutsideTheLfpEnvelopeItsOwnBatteryReports() {
        // the screen's battery information says BatType LFP, its COV is 4200 mV: needs confirmation, not an error
        Map<String, Double> english = ManualValues.english();
        ValidationResult r = validator.validateSet(Map.of(), Map.of("COV", english.get("COV")),
                new ValidationContext(AccessLevel.USER, "LFP"));
        assertFalse(r.hasErrors(), r.problems().toString());
        assertEquals(List.of("envelope.LFP@COV"), r.problems().stream().map(Problem::id).toList());
    }

    @Test
    void writingTheChineseSetOverTheEnglishOneNeedsOnlyConfirmations() {
        Map<String, Double> english = ManualValues.english();
        Map<String, Double> chinese = ManualValues.chinese();
        ValidationResult r = validator.validateSet(english, chinese, new ValidationContext(AccessLevel.ENGINEER, "LFP"));
        assertFalse(r.hasErrors(), r.errors().toString());
        // CELLNUM 24 -> 23 is dangerous; nothing else changed that is marked dangerous
        assertEquals(Set.of("dangerous@CELLNUM"), r.confirmationIds());
    }

    @Test
    void dangerousFieldsAreMarked() {
        for (String key : List.of("485_ADDR", "485_BOUND", "CELLNUM", "C_Gain", "C_Offset", "SC", "SAMPRES")) {
            ParameterDef d = schema.require(key);
            assertNotNull(d.dangerous(), key);
            assertTrue(d.dangerous().values().isEmpty(), key + ": every change is dangerous");
        }
        assertTrue(schema.require("485_BOUND").dangerous().reason().english().contains("do not change the RS485 baud rate"));
        // protection switched off by a value
        assertTrue(schema.require("PowerDownEn").dangerous().appliesTo(0));
        assertFalse(schema.require("PowerDownEn").dangerous().appliesTo(1));
        assertTrue(schema.require("CTRL_PLY").dangerous().appliesTo(2));
        assertFalse(schema.require("CTRL_PLY").dangerous().appliesTo(3));
        assertEquals(Set.of(2L, 3L), schema.require("CTRL_PLY").enumeration().keySet());
    }

    @Test
    void accessLevels() {
        for (ParameterDef d : schema.parametersIn("CALIBRATION")) {
            assertEquals(AccessLevel.ENGINEER, d.access(), d.key());
        }
        assertEquals(AccessLevel.FACTORY, schema.require("STATE").access());
        assertFalse(schema.require("NC").writable());
        // a user cannot change a calibration value; an engineer can
        assertEquals(List.of(Problem.ACCESS), validator.validateValue("Call_MidFlag", 100, ValidationContext.user())
                .stream().map(Problem::ruleId).toList());
        assertEquals(List.of(), validator.validateValue("Call_MidFlag", 100, ValidationContext.engineer()));
    }

    /**
     * Every rule of the schema, broken on purpose starting from a coherent set, must be reported with its id.
     * The violation is derived from the rule itself, not written down per rule.
     */
    @Test
    void everyRuleFiresOnASetThatBreaksIt() {
        Map<String, Double> base = ManualValues.english();
        List<String> silent = new ArrayList<>();
        for (Rule rule : schema.rules()) {
            Map<String, Double> broken = breakRule(rule, base);
            Map<String, Double> changes = new LinkedHashMap<>();
            broken.forEach((k, v) -> {
                if (!v.equals(base.get(k))) {
                    changes.put(k, v);
                }
            });
            assertFalse(changes.isEmpty(), rule.id());
            ValidationResult r = validator.validateSet(base, changes, new ValidationContext(AccessLevel.ENGINEER, "NMC"));
            List<Problem> fired = r.forRule(rule.id());
            if (fired.size() != 1) {
                silent.add(rule.id() + " -> " + r.problems());
                continue;
            }
            assertEquals(rule.severity(), fired.get(0).severity(), rule.id());
            assertTrue(changes.containsKey(fired.get(0).key()), rule.id() + " names a changed key");
        }
        assertEquals(List.of(), silent);
        assertTrue(schema.rules().size() >= 40, "release/trip, alarm order, sum, product and sleep rules");
    }

    /** A set that breaks the rule, changing as few values as possible, each still a valid value. */
    private Map<String, Double> breakRule(Rule rule, Map<String, Double> base) {
        Map<String, Double> m = new LinkedHashMap<>(base);
        // make sure the rule is not skipped
        rule.skipIf().forEach((k, v) -> m.put(k, schema.require(k).max()));
        if (rule instanceof Rule.Compare c) {
            // left less than right -> move left to right's value (or one step beyond when equality is allowed)
            ParameterDef left = schema.require(c.left());
            double target = m.get(c.right());
            if (c.orEqual()) {
                target += c.greater() ? -left.resolution() : left.resolution();
            }
            if (target > left.max() || target < left.min()) {
                // move the right side instead
                ParameterDef right = schema.require(c.right());
                double t = m.get(c.left());
                m.put(c.right(), t);
                assertTrue(validator.validateStoredValue(c.right(), t).isEmpty(), c.id());
            } else {
                m.put(c.left(), target);
            }
        } else if (rule instanceof Rule.Chain c) {
            // the last link: make the first element of it equal to (or beyond) the next
            List<String> keys = c.keys();
            int i = keys.size() - 2;
            String a = keys.get(i);
            double target = m.get(keys.get(i + 1));
            if (c.allowsEqualAt(i)) {
                target += c.ascending() ? schema.require(a).resolution() : -schema.require(a).resolution();
            }
            m.put(a, target);
        } else if (rule instanceof Rule.Sum s) {
            String total = s.total();
            ParameterDef d = schema.require(total);
            double t = m.get(total);
            m.put(total, t + 1 <= d.max() ? t + 1 : t - 1);
        } else if (rule instanceof Rule.Product p) {
            ParameterDef d = schema.require(p.key());
            double v = m.get(p.key());
            double moved = v * (1 + 2 * p.tolerance());
            m.put(p.key(), d.toEngineering(d.nearestRaw(moved)));
        } else {
            throw new AssertionError(rule);
        }
        return m;
    }
}
