package org.bmsw.profile.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.FrameTelemetryDecoder;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.FlagGroup;
import org.bmsw.device.api.Severity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.protocol.xcp.XcpCalibrationLayout;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.LinkKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's can section: it becomes a second, CAN profile offering what a simulator needs, its labels come from the
 * profile, its field mapping replaces the DBC's attributes, and everything wrong with it or with the DBC it names is
 * reported at once with its place.
 */
class CanSectionTest {

    @TempDir
    Path dir;
    private String profile;
    private String dbc;

    private static String resource(String name) throws IOException {
        try (InputStream in = CanSectionTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void files() throws IOException {
        profile = resource("full.profile.json");
        dbc = resource("full.dbc");
        Files.writeString(dir.resolve("full.parameters.json"), resource("full.parameters.json"));
        Files.writeString(dir.resolve("full.dbc"), dbc);
    }

    private RegisterProfiles.Result read(String json) throws IOException {
        Files.writeString(dir.resolve("full.profile.json"), json);
        return RegisterProfiles.read(dir.resolve("full.profile.json"));
    }

    /** "line:column" where {@code needle} starts in {@code text}. */
    private static String place(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        return line + ":" + column;
    }

    private static void assertProblem(ProfileProblem p, String path, String place, String message) {
        assertEquals(path, p.path(), p.toString());
        assertEquals(place, p.line() + ":" + p.column(), p.toString());
        assertTrue(p.message().contains(message), p.toString());
    }

    private static CanFrame frame(DbcTelemetry telemetry, String message, Map<String, Double> values) {
        DbcMessage m = telemetry.dbc().message(message).orElseThrow();
        return CanFrame.data(m.id(), m.extended(), m.encode(values));
    }

    @Test
    void theCanSectionIsASecondProfileOfferingWhatASimulatorNeeds() throws Exception {
        RegisterProfiles.Result result = read(profile);
        assertTrue(result.problems().isEmpty(), result.problems().toString());
        CanDeviceProfile can = result.can();
        assertEquals("acme.full.can", can.id());
        assertEquals("ACME full example on CAN", can.displayName().english());
        assertEquals(Set.of(LinkKind.CAN), can.linkKinds());
        assertEquals(500_000, can.defaultBaud());
        assertEquals(Set.of("ACME-8"), can.models());
        assertEquals("acme.full", can.capability(RegisterProfile.class).orElseThrow().id(), "the device's register map");
        assertEquals(Set.of("COV", "COVR"), can.capability(ParameterSchema.class).orElseThrow().keys());
        XcpCalibrationLayout layout = can.capability(XcpCalibrationLayout.class).orElseThrow();
        assertEquals(List.of(0x7E0, 0x7E8, 0, 0, 1), List.of(layout.ids().requestId(), layout.ids().responseId(),
                layout.segment(), layout.ramPage(), layout.flashPage()));
        assertTrue(layout.ids().padToEight() && !layout.ids().extended());

        DbcTelemetry telemetry = can.capability(DbcTelemetry.class).orElseThrow();
        FrameTelemetryDecoder decoder = telemetry.decoder();
        assertTrue(decoder.accept(frame(telemetry, "ACME_Info", Map.of("Model", 8.0, "CellCount", 3.0, "Chemistry", 1.0,
                "COV", 2.0, "DSGEN", 1.0, "NTC", 1.0))));
        assertTrue(decoder.accept(frame(telemetry, "ACME_Pack", Map.of("PackVoltage", 10.02, "PackCurrent", -12.5,
                "SOC", 55.5, "Vcc", 12.34))));
        long now = System.nanoTime();
        assertEquals("ACME-8", decoder.valueName("device.model", now).orElseThrow());
        Telemetry t = decoder.snapshot(new DeviceIdentity("acme.full", "ACME-8", "", "", "", 1, false), Instant.now(), now);
        assertEquals(10.02, t.pack().voltage(), 1e-9);
        assertEquals(-12.5, t.pack().current(), 1e-9);
        assertEquals("NMC", t.pack().chemistry());
        var alarm = t.flagGroup(FlagGroup.ALARM).orElseThrow();
        assertEquals("单体过压", alarm.flag("COV").orElseThrow().label().text(java.util.Locale.CHINESE),
                "labels come from the profile's flags");
        assertEquals(2, alarm.flag("COV").orElseThrow().level());
        assertEquals(Severity.FAULT, t.flagGroup(FlagGroup.FAULT).orElseThrow().flag("NTC").orElseThrow().severity(),
                "severity from the profile");
        var vcc = t.quantity("voltage.vcc").orElseThrow();
        assertEquals(List.of("VCC", "V", "power"), List.of(vcc.label().english(), vcc.unit(), vcc.category()));
        assertEquals(12.34, vcc.value(), 1e-9);
    }

    @Test
    void theFieldsMapAVendorsDbcThatNamesNoFields() throws Exception {
        Files.writeString(dir.resolve("full.dbc"), dbc.lines().filter(l -> !l.startsWith("BA_ \"BMSW_Field\""))
                .reduce("", (a, b) -> a + b + "\r\n"));
        String fields = """
                "fields": {"ACME_Pack.PackVoltage": "pack.voltage", "ACME_Pack.SOC": "pack.soc",
                                     "ACME_Cells.Cell1": "cell.1.voltage", "ACME_Info.DSGEN": "flag.STATUS.DSGEN"},""";
        RegisterProfiles.Result result = read(profile.replace("\"fields\": {\"ACME_Pack.Vcc\": \"quantity.voltage.vcc\"},",
                fields));
        assertTrue(result.problems().isEmpty(), result.problems().toString());
        DbcTelemetry telemetry = result.can().capability(DbcTelemetry.class).orElseThrow();
        assertEquals(Set.of("pack.voltage", "pack.soc", "cell.1.voltage", "flag.STATUS.DSGEN", "device.model"),
                Set.copyOf(telemetry.messages().values().stream().flatMap(List::stream).map(m -> m.field().text())
                        .toList()), "the profile's fields and the model signal, nothing else");
        FrameTelemetryDecoder decoder = telemetry.decoder();
        decoder.accept(frame(telemetry, "ACME_Pack", Map.of("PackVoltage", 51.2, "SOC", 80.0)));
        assertEquals(51.2, decoder.value("pack.voltage", System.nanoTime()).orElseThrow(), 1e-9);
    }

    @Test
    void aDbcThatIsNotBesideTheProfileIsRefusedAtItsName() throws Exception {
        String json = profile.replace("\"dbc\": \"full.dbc\"", "\"dbc\": \"acme.dbc\"");
        RegisterProfiles.Result result = read(json);
        assertNull(result.profile());
        assertNull(result.can());
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertProblem(result.problems().get(0), "$.can.dbc", place(json, "\"dbc\""), "names acme.dbc, which is not beside");
        assertTrue(result.problems().get(0).toString().startsWith("full.profile.json line "), "file, line and column");
    }

    @Test
    void signalsTheDbcLacksAreAllReportedAtTheirPlace() throws Exception {
        String json = profile.replace("\"identify\": {\"message\": \"ACME_Info\", \"signal\": \"Model\"}",
                        "\"identify\": {\"message\": \"ACME_Inf\", \"signal\": \"Model\"}")
                .replace("\"ACME_Pack.Vcc\": \"quantity.voltage.vcc\"", "\"ACME_Pack.VCC\": \"quantity.voltage.vcc\"");
        List<ProfileProblem> problems = read(json).problems();
        assertEquals(2, problems.size(), problems.toString());
        assertProblem(problems.get(0), "$.can.fields.ACME_Pack.VCC", place(json, "\"ACME_Pack.VCC\""),
                "message ACME_Pack in full.dbc has no signal 'VCC' (signals: PackVoltage, PackCurrent, SOC, Vcc)");
        assertProblem(problems.get(1), "$.can.identify.message", place(json, "\"message\": \"ACME_Inf\""),
                "full.dbc has no message 'ACME_Inf' (messages: ACME_Pack, ACME_Info, ACME_Cells, ACME_Temperatures)");

        String noNames = profile.replace("\"signal\": \"Model\"", "\"signal\": \"CellCount\"");
        List<ProfileProblem> unnamed = read(noNames).problems();
        assertProblem(unnamed.get(0), "$.can.identify.signal", place(noNames, "\"signal\": \"CellCount\""),
                "has no VAL_ descriptions, so its values name no model");
        assertProblem(unnamed.get(1), "$.can.identify", place(noNames, "\"identify\": {\"message\""),
                "ACME_Info.Model carries device.model as well (its BMSW_Field in full.dbc)");
    }

    @Test
    void aBrokenDbcIsRefusedWithItsLineAndColumn() throws Exception {
        List<String> lines = dbc.lines().toList();
        int broken = lines.indexOf(lines.stream().filter(l -> l.startsWith(" SG_ SOC ")).findFirst().orElseThrow());
        Files.writeString(dir.resolve("full.dbc"), dbc.replace(" SG_ SOC : 32|16@1+", " SG_ SOC : 32|16@3+"));
        List<ProfileProblem> problems = read(profile).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("full.dbc line " + (broken + 1) + ", column 18: byte order must be 1 (Intel) or 0 (Motorola), found '3'",
                problems.get(0).toString());
    }

    @Test
    void xcpIdsPagesAndAddressesAreChecked() throws Exception {
        String ids = profile.replace("\"requestId\": 2016", "\"requestId\": 2048")
                .replace("\"flashPage\": 1", "\"flashPage\": 0")
                .replace("\"ACME_Pack.Vcc\": \"quantity.voltage.vcc\"", "\"ACME_Pack.Vcc\": \"quantity\"");
        List<ProfileProblem> problems = read(ids).problems();
        assertEquals(3, problems.size(), problems.toString());
        assertProblem(problems.get(0), "$.can.fields.ACME_Pack.Vcc", place(ids, "\"ACME_Pack.Vcc\""),
                "'quantity' is not a telemetry field");
        assertProblem(problems.get(1), "$.can.xcp.requestId", place(ids, "\"requestId\""),
                "0..2047 for 11-bit (extended: false) identifiers, is 2048");
        assertProblem(problems.get(2), "$.can.xcp.flashPage", place(ids, "\"flashPage\""), "must differ from the ramPage 0");

        String clash = profile.replace("\"responseId\": 2024, \"extended\": false",
                "\"responseId\": " + 0x18FF52E5 + ", \"extended\": true");
        List<ProfileProblem> clashes = read(clash).problems();
        assertEquals(1, clashes.size(), clashes.toString());
        assertProblem(clashes.get(0), "$.can.xcp.responseId", place(clash, "\"responseId\""),
                "0x18FF52E5 (extended) is the identifier of message ACME_Cells in full.dbc");

        Files.writeString(dir.resolve("full.parameters.json"), resource("full.parameters.json")
                .replace(", \"xcp\": {\"address\": \"0x00020000\", \"size\": 2}", "")
                .replace(", \"xcp\": {\"address\": \"0x00020002\", \"size\": 2}", ""));
        List<ProfileProblem> noAddresses = read(profile).problems();
        assertEquals(1, noAddresses.size(), noAddresses.toString());
        assertProblem(noAddresses.get(0), "$.can.xcp", place(profile, "\"xcp\""),
                "full.parameters.json places no parameter at an XCP address");
    }

    @Test
    void aCanSectionWithoutXcpHasNoParametersOnCan() throws Exception {
        String json = profile.replaceAll(",\\s*\"xcp\": \\{[^}]*\\}", "");
        RegisterProfiles.Result result = read(json);
        assertTrue(result.problems().isEmpty(), result.problems().toString());
        assertTrue(result.can().capability(XcpCalibrationLayout.class).isEmpty());
        assertTrue(result.can().capability(ParameterSchema.class).isPresent(), "the schema still documents the device");
    }
}
