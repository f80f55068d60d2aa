package org.bmsw.profile.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RegisterProfileLoaderTest {

    private static final String MINIMAL = """
            {
              "format": "bmsw-register-profile/1",
              "id": "acme.bms",
              "name": {"en": "ACME BMS", "zh": "ACME 电池管理"},
              "link": {"baud": 9600, "parity": "N", "address": 1},
              "identify": {"function": 3, "register": 100, "count": 4, "ascii": "ACME"},
              "blocks": [
                {"id": "a", "function": 3, "register": 0, "count": 10},
                {"id": "b", "function": 3, "register": 10, "count": 10}
              ],
              "telemetry": {"voltage": {"block": "a", "at": 0, "type": "u16", "scale": 0.01}}
            }
            """;

    private static RegisterProfile load(String json) throws ProfileFormatException {
        return new RegisterProfileLoader().load("acme.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusal(String json) {
        return assertThrows(ProfileFormatException.class, () -> load(json)).getMessage();
    }

    @Test
    void aMinimalProfileLoads() throws ProfileFormatException {
        RegisterProfile profile = load(MINIMAL);
        assertEquals("acme.bms", profile.id());
        assertEquals(2, profile.blocks().size());
    }

    @Test
    void brokenJsonIsReportedWithLineAndColumn() {
        String message = refusal(MINIMAL.replace("\"id\": \"acme.bms\",", "\"id\": \"acme.bms\""));
        assertTrue(message.startsWith("acme.json line 4, column"), message);
    }

    @Test
    void unknownFieldsAndDuplicatesAreRefusedWithTheirPath() {
        String unknown = refusal(MINIMAL.replace("\"baud\": 9600", "\"baud\": 9600, \"speed\": 1"));
        assertTrue(unknown.contains("$.link") && unknown.contains("speed"), unknown);
        String duplicate = refusal(MINIMAL.replace("\"id\": \"acme.bms\",", "\"id\": \"acme.bms\", \"id\": \"x\","));
        assertTrue(duplicate.contains("Duplicate field 'id'"), duplicate);
    }

    @Test
    void overlappingRegistersAndDanglingReferencesAreRefused() {
        String overlap = refusal(MINIMAL.replace("\"register\": 10, \"count\": 10", "\"register\": 5, \"count\": 10"));
        assertTrue(overlap.contains("$.blocks[1]: registers overlap block 'a'"), overlap);
        String dangling = refusal(MINIMAL.replace("{\"block\": \"a\", \"at\": 0", "{\"block\": \"zz\", \"at\": 0"));
        assertTrue(dangling.contains("$.telemetry.voltage.block: no block 'zz'"), dangling);
        String outside = refusal(MINIMAL.replace("\"at\": 0, \"type\": \"u16\"", "\"at\": 9, \"type\": \"u32\""));
        assertTrue(outside.contains("lie outside block 'a'"), outside);
        String badFunction = refusal(MINIMAL.replace("\"function\": 3, \"register\": 0", "\"function\": 5, \"register\": 0"));
        assertTrue(badFunction.contains("$.blocks[0].function"), badFunction);
    }

    @Test
    void severalModelsModuleCountsFlagRulesAndPersistAreChecked() throws ProfileFormatException {
        String jdi = MINIMAL.replace("\"ascii\": \"ACME\"", "\"models\": [\"ACME-16\", \"ACME-32\"]")
                .replace("\"telemetry\"", """
                        "cells": {"block": "b", "at": 0, "type": "u16", "scale": 0.001, "max": 8,
                                  "moduleCounts": {"block": "a", "at": 5, "words": 3}},
                        "flags": [{"group": "INPUT", "label": {"en": "Inputs"}, "block": "a", "at": 1, "words": 1,
                                   "bitsPerFlag": 1, "severity": "normal", "items": [{"key": "KeyOn", "label": {"en": "Key-On"}}]}],
                        "quantities": [
                          {"key": "vcc", "label": {"en": "VCC"}, "unit": "V", "category": "power",
                           "field": {"block": "a", "at": 2, "type": "u16", "scale": 0.01}},
                          {"key": "keyon", "label": {"en": "KeyOn"}, "unit": "V", "category": "power",
                           "field": {"block": "a", "at": 3, "type": "u16", "scale": 0.01},
                           "flagWhen": [{"differsFrom": "vcc", "moreThan": 3, "onlyWhile": "INPUT.KeyOn"}]}],
                        "persist": {"register": 8192, "value": 16},
                        "telemetry\"""");
        RegisterProfile profile = load(jdi);
        assertEquals(java.util.List.of("ACME-16", "ACME-32"), profile.identify().accepted());
        assertEquals(16, profile.persist().value());

        assertTrue(refusal(jdi.replace("\"differsFrom\": \"vcc\"", "\"differsFrom\": \"vdd\""))
                .contains("$.quantities[1].flagWhen[0].differsFrom: no quantity 'vdd'"));
        assertTrue(refusal(jdi.replace("\"onlyWhile\": \"INPUT.KeyOn\"", "\"onlyWhile\": \"INPUT.Key\""))
                .contains("$.quantities[1].flagWhen[0].onlyWhile: no flag 'INPUT.Key' (GROUP.KEY)"));
        assertTrue(refusal(jdi.replace("\"at\": 5, \"words\": 3", "\"at\": 9, \"words\": 3"))
                .contains("$.cells.moduleCounts.at: words 9..11 lie outside block 'a'"));
        assertTrue(refusal(jdi.replace("\"models\": [", "\"ascii\": \"X\", \"models\": ["))
                .contains("$.identify: give either 'ascii' (one model) or 'models' (several)"));
        assertTrue(refusal(jdi.replace("\"ACME-16\"", "\"ACME-16-WITH-A-LONG-NAME\""))
                .contains("$.identify: model 'ACME-16-WITH-A-LONG-NAME' is longer than 4 registers hold"));
    }

    @Test
    void theFirmwareSectionNamesTheBootloaderEntryAndARegularFlashMap() throws ProfileFormatException {
        String withFirmware = MINIMAL.replace("\"telemetry\"", """
                "firmware": {"register": 8192, "value": 45063, "hardwareRevision": "R2",
                             "flashMap": [{"start": 134234112, "size": 4096}, {"start": 134250496, "size": 4096}],
                             "signedImages": true},
                "telemetry\"""");
        RegisterProfile.Firmware firmware = load(withFirmware).firmware();
        assertEquals(45063, firmware.value());
        assertEquals(2, firmware.flashMap().size());
        assertTrue(firmware.signedImages());

        String overlapping = refusal(withFirmware.replace("134250496", "134236160"));
        assertTrue(overlapping.contains("$.firmware.flashMap: regions at 134234112 and 134236160 overlap"), overlapping);
        String empty = refusal(withFirmware.replace("\"hardwareRevision\": \"R2\"", "\"hardwareRevision\": \" \""));
        assertTrue(empty.contains("$.firmware.hardwareRevision: missing"), empty);
        String value = refusal(withFirmware.replace("45063", "70000"));
        assertTrue(value.contains("$.firmware.value: 0..65535"), value);
    }

    @Test
    void quantityRulesFlagWhatDiffersWhileTheirFlagIsActive() {
        var rule = new RegisterProfile.FlagRule("vcc", 3.0, "INPUT.KeyOn");
        var def = new RegisterProfile.QuantityDef("keyon", null, "V", "power", null, java.util.List.of(rule));
        var keyOn = new org.bmsw.device.api.Flag("KeyOn", org.bmsw.device.api.LocalizedText.of("Key-On"), 1,
                org.bmsw.device.api.Severity.NORMAL);
        var inputs = java.util.List.of(new org.bmsw.device.api.FlagGroup("INPUT",
                org.bmsw.device.api.LocalizedText.of("Inputs"), java.util.List.of(keyOn)));
        var label = org.bmsw.device.api.LocalizedText.of("x");
        java.util.function.Function<Double, Boolean> flagged = keyOnVolts -> QuantityRules.apply(java.util.List.of(def),
                java.util.List.of(new org.bmsw.device.api.Quantity("vcc", label, 13.5, "V", "power", false),
                        new org.bmsw.device.api.Quantity("keyon", label, keyOnVolts, "V", "power", false)),
                inputs).get(1).flagged();
        assertTrue(flagged.apply(10.4));
        assertEquals(false, flagged.apply(10.6));
        assertEquals(false, QuantityRules.apply(java.util.List.of(def),
                java.util.List.of(new org.bmsw.device.api.Quantity("vcc", label, 13.5, "V", "power", false),
                        new org.bmsw.device.api.Quantity("keyon", label, 5, "V", "power", false)),
                java.util.List.of()).get(1).flagged(), "KeyOn inactive: not compared");
    }
}
