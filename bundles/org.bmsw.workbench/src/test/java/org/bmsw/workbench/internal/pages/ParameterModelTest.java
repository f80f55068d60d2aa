package org.bmsw.workbench.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.schema.Problem;
import org.bmsw.schema.ValidationContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Parameters page's entries against the shipped Smart BMS schema, without a window. */
class ParameterModelTest {

    private static final ValidationContext USER_LFP = new ValidationContext(AccessLevel.USER, "LFP");

    private ParameterSchema schema;
    private ParameterModel model;

    @BeforeEach
    void load() throws Exception {
        schema = ParameterSchemas.load(getClass().getResource("/org/bmsw/profile/smartbms/smartbms-v4.parameters.json"));
        model = new ParameterModel(schema);
        Map<String, Double> device = new LinkedHashMap<>(schema.defaults());
        device.put("COV", 3650.0);
        device.put("COVR", 3450.0);
        device.put("TOV", 88.8);
        device.put("TOVR", 83.52);
        model.deviceValues(device);
    }

    @Test
    void aValidEntryBecomesAnEditAndTheDevicesValueDropsIt() {
        assertEquals(ParameterModel.Entry.EDITED, model.enter("COVR", "3500", USER_LFP));
        assertEquals(3500.0, model.edits().get("COVR"));
        assertEquals(3500.0, model.value("COVR").orElseThrow());
        assertEquals(ParameterModel.Entry.UNCHANGED, model.enter("COVR", "3450", USER_LFP), "back to the device's value");
        assertTrue(model.edits().isEmpty());
    }

    @Test
    void aCommaIsADecimalSeparatorToo() {
        assertEquals(ParameterModel.Entry.EDITED, model.enter("TOVR", "83,28", USER_LFP));
        assertEquals(83.28, model.edits().get("TOVR"), 1e-9);
    }

    @Test
    void outOfRangeNotANumberAndOffResolutionAreRefusedAndKeptAsTyped() {
        assertEquals(ParameterModel.Entry.REFUSED, model.enter("COV", "99999", USER_LFP));
        assertEquals("99999", model.refused("COV").orElseThrow());
        assertEquals(ParameterModel.Entry.REFUSED, model.enter("COVR", "3,4.5", USER_LFP));
        assertEquals(ParameterModel.Entry.REFUSED, model.enter("TOVR", "83.521", USER_LFP), "finer than 0.01 V");
        assertTrue(model.edits().isEmpty(), "nothing refused can be written");
        assertTrue(model.hasRefused());
        assertTrue(model.validate(USER_LFP).errors().stream().anyMatch(p -> p.key().equals("COV")));
        model.revertAll();
        assertFalse(model.hasRefused());
    }

    @Test
    void anEngineeringParameterNeedsEngineerModeAndAFactoryOneIsNeverEditable() {
        assertEquals(ParameterModel.Entry.REFUSED, model.enter("SC", "700", USER_LFP));
        assertTrue(model.problemsOf("SC", USER_LFP).stream().anyMatch(p -> p.ruleId().equals(Problem.ACCESS)));
        ValidationContext engineer = new ValidationContext(AccessLevel.ENGINEER, "LFP");
        assertEquals(ParameterModel.Entry.EDITED, model.enter("SC", "700", engineer));
        assertEquals("params.locked.engineer", model.lockReason(schema.require("SC"), AccessLevel.USER).orElseThrow());
        assertTrue(model.lockReason(schema.require("SC"), AccessLevel.ENGINEER).isEmpty());
        assertEquals("params.locked.factory", model.lockReason(schema.require("STATE"), AccessLevel.ENGINEER).orElseThrow());
    }

    @Test
    void dangerousChangesAndEnvelopeBreachesAreEditsThatNeedConfirmation() {
        assertEquals(ParameterModel.Entry.EDITED, model.enter("PowerDownEn", "0", USER_LFP));
        assertEquals(ParameterModel.Entry.EDITED, model.enter("COV", "3700", USER_LFP), "above the LFP envelope");
        var result = model.validate(USER_LFP);
        assertTrue(result.confirmations().stream().anyMatch(p -> p.key().equals("PowerDownEn")), result.toString());
        assertTrue(result.confirmations().stream().anyMatch(p -> p.ruleId().equals("envelope.LFP")), result.toString());
    }

    @Test
    void aRuleBrokenByAnEditIsAnError() {
        assertEquals(ParameterModel.Entry.EDITED, model.enter("COVR", "3700", USER_LFP), "fine on its own");
        assertTrue(model.validate(USER_LFP).errors().stream().anyMatch(p -> p.keys().contains("COVR")),
                "but the release is above the trip");
    }

    @Test
    void enumeratedValuesAreTakenByNumberOrByTheirLabel() {
        ValidationContext engineer = new ValidationContext(AccessLevel.ENGINEER, "LFP");
        assertEquals(ParameterModel.Entry.EDITED, model.enter("485_BOUND", "19200 bit/s", engineer));
        assertEquals(19200.0, model.edits().get("485_BOUND"));
        assertEquals(ParameterModel.Entry.REFUSED, model.enter("485_BOUND", "12345", engineer));
    }

    @Test
    void aFileTakesOnlyTheValuesThatDiffer() {
        Map<String, Double> file = new LinkedHashMap<>();
        file.put("COV", 3650.0);
        file.put("COVR", 3400.0);
        file.put("CUV", 2700.0);
        assertEquals(2, model.takeFile(file, USER_LFP));
        assertEquals(Map.of("COVR", 3400.0, "CUV", 2700.0), model.edits());
    }
}
