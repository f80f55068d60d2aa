package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.AccessLevel;
import org.junit.jupiter.api.Test;

/** Single values and rule semantics on the Smart BMS schema. */
class ValidatorTest {

    private final ParameterSchema schema = Fixtures.smartBms();
    private final ParameterValidator v = new ParameterValidator(schema);
    private final Map<String, Double> device = ManualValues.english();

    private List<String> ids(List<Problem> problems) {
        return problems.stream().map(Problem::id).toList();
    }

    private ValidationResult change(ValidationContext ctx, Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return v.validateSet(device, m, ctx);
    }

    private static final ValidationContext NMC = new ValidationContext(AccessLevel.USER, "NMC");

    @Test
    void singleValueChecks() {
        assertEquals(List.of("range@COV"), ids(v.validateValue("COV", 5001, NMC)));
        assertEquals(List.of("range@COV"), ids(v.validateValue("COV", 999, NMC)));
        assertEquals(List.of("resolution@TOV"), ids(v.validateValue("TOV", 100.805, NMC)));
        assertEquals(List.of("enumeration@CTRL_PLY"), ids(v.validateValue("CTRL_PLY", 4, NMC)));
        assertEquals(List.of("enumeration@485_BOUND"), ids(v.validateValue("485_BOUND", 9700, ValidationContext.engineer())));
        assertEquals(List.of("not-a-number@COV"), ids(v.validateValue("COV", Double.NaN, NMC)));
        assertEquals(List.of("unknown-key@COV9"), ids(v.validateValue("COV9", 1, NMC)));
        assertEquals(List.of("read-only@NC"), ids(v.validateValue("NC", 1, ValidationContext.engineer())));
        assertEquals(List.of("access@STATE"), ids(v.validateValue("STATE", 3, new ValidationContext(AccessLevel.FACTORY, ""))));
        assertEquals(List.of("access@CELLNUM", "dangerous@CELLNUM"), ids(v.validateValue("CELLNUM", 16, NMC)));
        assertEquals(List.of("dangerous@CELLNUM"), ids(v.validateValue("CELLNUM", 16, ValidationContext.engineer())));
        assertEquals(List.of(), v.validateValue("COV", 4150, NMC));
        Problem p = v.validateValue("COV", 5001, NMC).get(0);
        assertEquals("mV", p.unit());
        assertEquals(5001.0, p.value());
        assertTrue(p.message().english().contains("5001 mV") && p.message().english().contains("5000 mV"), p.message().english());
        assertTrue(p.message().text(Locale.CHINESE).contains("最大值"), p.message().text(Locale.CHINESE));
    }

    @Test
    void stepIsCheckedWhenTheSchemaGivesOne() throws Exception {
        String json = SchemaLoaderTest.base().toPrettyString().replaceFirst("\"scale\" : 1,", "\"scale\" : 1, \"step\" : 50,");
        ParameterSchema s = SchemaLoaderTest.load(json);
        ParameterValidator sv = new ParameterValidator(s);
        assertEquals(List.of(), sv.validateValue("P0", 150, ValidationContext.user()));
        assertEquals(List.of("step@P0"), ids(sv.validateValue("P0", 120, ValidationContext.user())));
    }

    @Test
    void envelopesDependOnChemistry() {
        assertEquals(List.of(), v.validateValue("COV", 4200, NMC));
        assertEquals(List.of("envelope.LFP@COV"), ids(v.validateValue("COV", 4200, new ValidationContext(AccessLevel.USER, "lfp"))));
        assertEquals(List.of("envelope.NMC@COV"), ids(v.validateValue("COV", 4300, NMC)));
        // unknown chemistry: every envelope applies
        assertEquals(List.of("envelope.LFP@COV"), ids(v.validateValue("COV", 4200, ValidationContext.user())));
        assertEquals(List.of("envelope.LFP@COV", "envelope.NMC@COV"), ids(v.validateValue("COV", 4300, ValidationContext.user())));
        Problem unknown = v.validateValue("COV", 4200, ValidationContext.user()).get(0);
        assertTrue(unknown.message().english().contains("unknown"), unknown.message().english());
        assertEquals(ProblemSeverity.NEEDS_CONFIRMATION, unknown.severity());
        assertEquals(List.of("envelope.LFP@CUV", "envelope.NMC@CUV"), ids(v.validateValue("CUV", 2400, ValidationContext.user())));
    }

    @Test
    void releaseMustStayBelowTrip() {
        ValidationResult r = change(NMC, "COVR", 4200);
        assertEquals(List.of("protect.cov.release@COVR"), ids(r.problems()));
        assertTrue(r.hasErrors());
        assertTrue(r.problems().get(0).message().english().contains("COVR = 4200 mV, COV = 4200 mV"),
                r.problems().get(0).message().english());
        // lowering the trip below the release is the same rule, reported on the changed key
        // (4100 mV x 24 = 98.4 V is within 5 % of TOV 100.8 V, so the pack rule holds)
        assertEquals(List.of("protect.cov.release@COV", "protect.balancing.below.cov@COV", "alarm.cov.levels@COV"),
                ids(change(NMC, "COV", 4100).problems()));
        // raising both together is fine
        assertTrue(change(NMC, "COV", 4250, "COVR", 4200, "TOV", 102).ok());
        // under-voltage: the release above the trip
        assertEquals(List.of("protect.cuv.release@CUVR"), ids(change(NMC, "CUVR", 2990).problems()));
    }

    @Test
    void alarmLevelsComeBeforeTheTrip() {
        // level 3 may equal the trip, levels 1 < 2 < 3 strictly
        assertTrue(change(NMC, "COV3", 4200).ok());
        assertEquals(List.of("alarm.cov.levels@COV3"), ids(change(NMC, "COV3", 4210).problems()));
        assertEquals(List.of("alarm.cov.levels@COV2"), ids(change(NMC, "COV2", 4100).problems()));
        // descending for under-limits
        assertEquals(List.of("alarm.cuv.levels@CUV3"), ids(change(NMC, "CUV3", 2990).problems()));
        assertEquals(List.of("alarm.utd.levels@UTD1"), ids(change(NMC, "UTD1", -16).problems()));
    }

    @Test
    void afeChipsAddUpToTheCellCount() {
        ValidationResult r = change(ValidationContext.engineer().withChemistry("NMC"), "AFE_S", 11);
        assertEquals(List.of("system.afe.sum@AFE_S"), ids(r.errors()));
        assertTrue(r.errors().get(0).message().english().contains("AFE_M 12 + AFE_S 11 = 23"), r.errors().get(0).message().english());
    }

    @Test
    void packThresholdFollowsCellThresholdTimesCellCount() {
        // 5 % tolerance: 100.8 V * 1.05 = 105.84 V is the last value allowed
        assertTrue(change(NMC, "TOV", 105.84).ok(), change(NMC, "TOV", 105.84).problems().toString());
        assertEquals(List.of("pack.tov.matches.cells@TOV"), ids(change(NMC, "TOV", 105.85).problems()));
        // changing the cell count alone breaks every pack threshold and the AFE sum
        ValidationResult r = change(ValidationContext.engineer().withChemistry("NMC"), "CELLNUM", 16);
        assertTrue(r.forRule("pack.tov.matches.cells").size() == 1 && r.forRule("system.afe.sum").size() == 1, r.toString());
        assertEquals(Set.of("dangerous@CELLNUM"), r.confirmationIds());
    }

    @Test
    void skipIfSwitchesARuleOff() {
        // PCHG_TUV = 0 (pre-charge by voltage unused): PCHG_TUVR is free
        assertTrue(change(ValidationContext.engineer(), "PCHG_TUVR", 0).ok());
        ValidationResult on = change(ValidationContext.engineer(), "PCHG_TUV", 50);
        assertEquals(List.of("protect.pchg.release@PCHG_TUV"), ids(on.problems()));
        assertEquals(ProblemSeverity.NEEDS_CONFIRMATION, on.problems().get(0).severity());
        assertTrue(change(ValidationContext.engineer(), "PCHG_TUV", 50, "PCHG_TUVR", 55).ok());
    }

    @Test
    void brokenRulesAlreadyOnTheDeviceNeedConfirmationNotAnError() {
        Map<String, Double> broken = new LinkedHashMap<>(device);
        broken.put("COVR", 4250.0); // the device itself violates release < trip
        ValidationResult unrelated = v.validateSet(broken, Map.of("FCC", 60.0), NMC);
        assertFalse(unrelated.hasErrors());
        assertEquals(Set.of("protect.cov.release@COVR"), unrelated.confirmationIds());
        assertTrue(unrelated.confirmations().get(0).message().english().startsWith("Already on the device"));
        // fixing it in the same write clears it
        assertTrue(v.validateSet(broken, Map.of("COVR", 4120.0), NMC).ok());
    }

    @Test
    void unchangedValuesNeedNoPermission() {
        // STATE is a factory parameter and NC read-only: writing their current values again is not a change
        assertTrue(change(NMC, "STATE", 3, "NC", 0, "485_ADDR", 1).ok());
        assertEquals(List.of("access@STATE"), ids(change(NMC, "STATE", 4).problems()));
        assertEquals(Map.of("FCC", 60.0), v.changes(device, Map.of("FCC", 60.0, "COV", 4200.0)));
    }

    @Test
    void invalidValuesDoNotProduceRuleNoise() {
        // COVR above its own max: one range error, no rule messages about it
        ValidationResult r = change(NMC, "COVR", 6000);
        assertEquals(List.of("range@COVR"), ids(r.problems()));
        assertEquals(List.of("unknown-key@FOO"), ids(change(NMC, "FOO", 1).problems()));
    }
}
