package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.schema.internal.TextTable;
import org.junit.jupiter.api.Test;

/** Device vs file, file vs file, device vs device. */
class ComparisonTest {

    private final ParameterSchema schema = Fixtures.smartBms();

    @Test
    void rowsPerParameterWithStatus() {
        Map<String, Double> left = new LinkedHashMap<>(Map.of("COV", 4200.0, "TOV", 100.8, "FCC", 50.0, "OLD_KEY", 1.0));
        Map<String, Double> right = new LinkedHashMap<>(Map.of("COV", 3650.0, "TOV", 100.80000000000001, "CUV", 2600.0));
        Comparison c = ParameterComparison.compare(schema, left, right);
        // schema order (SYSTEM before PROTECT, COV before CUV), unknown keys last
        assertEquals(List.of("FCC", "TOV", "COV", "CUV", "OLD_KEY"), c.rows().stream().map(Comparison.Row::key).toList());
        Map<String, Comparison.Status> status = new LinkedHashMap<>();
        c.rows().forEach(r -> status.put(r.key(), r.status()));
        assertEquals(Comparison.Status.ONLY_LEFT, status.get("FCC"));
        assertEquals(Comparison.Status.SAME, status.get("TOV"), "floating-point noise is the same raw value");
        assertEquals(Comparison.Status.CHANGED, status.get("COV"));
        assertEquals(Comparison.Status.ONLY_RIGHT, status.get("CUV"));
        assertEquals(Comparison.Status.ONLY_LEFT, status.get("OLD_KEY"));
        assertEquals(4, c.differences().size());
        assertFalse(c.identical());
        Comparison.Row cov = c.rows().get(2);
        assertEquals("4200", cov.leftText());
        assertEquals("3650", cov.rightText());
        assertEquals("mV", cov.unit());
        assertEquals("PROTECT", cov.group());
    }

    @Test
    void textTableForTheCommandLine() {
        Map<String, Double> device = ManualValues.english();
        Map<String, Double> file = new LinkedHashMap<>(device);
        file.put("COV", 4150.0);
        file.put("UTD", -25.0);
        Comparison c = ParameterComparison.compare(schema, device, file);
        String table = c.render("Device", "File", Locale.ENGLISH, true);
        List<String> lines = table.lines().toList();
        assertEquals(List.of("Group", "Key", "Name", "Device", "File", "Unit"), List.of(lines.get(0).split(" {2,}")));
        assertTrue(lines.get(1).matches("[- ]+"), lines.get(1));
        assertEquals(List.of("PROTECT", "COV", "Cell over-voltage protection", "4200", "4150", "mV", "*"),
                List.of(lines.get(2).trim().split(" {2,}")));
        assertEquals(List.of("PROTECT", "UTD", "Discharge under-temperature protection", "-20", "-25", "°C", "*"),
                List.of(lines.get(3).trim().split(" {2,}")));
        // numbers are right-aligned under their headings
        int deviceEnd = lines.get(0).indexOf("Device") + "Device".length();
        assertEquals(deviceEnd, lines.get(2).indexOf("4200") + 4);
        assertEquals(deviceEnd, lines.get(3).indexOf("-20") + 3);
        int fileEnd = lines.get(0).indexOf("File") + 4;
        assertEquals(fileEnd, lines.get(2).indexOf("4150") + 4);
        assertEquals("2 of " + schema.parameters().size() + " parameters differ.", lines.get(4));

        String zh = c.render("设备", "文件", Locale.CHINESE, true);
        List<String> zl = zh.lines().toList();
        // columns line up in terminal columns: a Chinese character is two columns wide
        int unitColumn = TextTable.width(zl.get(0).substring(0, zl.get(0).indexOf("单位")));
        assertEquals(unitColumn, TextTable.width(zl.get(2).substring(0, zl.get(2).indexOf("mV"))));
        assertEquals(unitColumn, TextTable.width(zl.get(3).substring(0, zl.get(3).indexOf("°C"))));
        assertTrue(zl.get(2).contains("单体过压保护"), zl.get(2));

        String all = c.render("Device", "File", Locale.ENGLISH, false);
        assertEquals(schema.parameters().size() + 3, all.lines().count());
    }

    @Test
    void identicalSets() {
        Comparison c = ParameterComparison.compare(schema, ManualValues.chinese(), ManualValues.chinese());
        assertTrue(c.identical());
        assertTrue(c.render("A", "B", Locale.ENGLISH, true).endsWith("0 of " + schema.parameters().size() + " parameters differ.\n"));
    }
}
