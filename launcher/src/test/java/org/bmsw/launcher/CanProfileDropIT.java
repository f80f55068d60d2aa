package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.bmsw.launcher.Distribution.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CAN device described by data alone, from the outside: an OEM's profile made from the JDI's files (its own id,
 * name, model and labels; the same DBC and XCP calibration pages) is dropped as three plain files into
 * {@code plugins/} of a running program ({@code bin/bmsw --shell}), which then lists it as two profiles, the register
 * one and {@code <id>.can}, without a restart. {@code bin/bmsw simulate --slcan} in one process serves the device from
 * those files behind a simulated USB-CAN adapter, and {@code bin/bmsw read --can slcan:...} in another reads it; the
 * running program reads and writes its parameters over XCP. A profile naming a DBC that is not there, or a signal
 * its DBC lacks, is refused with line and column; deleting the file takes both profiles away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CanProfileDropIT {

    /** The JDI's data, as it lives in the repository. */
    private static final Path JDI = Path.of("../bundles/org.bmsw.profile.jdi/src/main/resources/org/bmsw/profile/jdi")
            .toAbsolutePath().normalize();
    private static final String ID = "acme.bi51";
    private static final String CAN_ID = ID + ".can";
    private static final String PROFILE = "acme-bi51.profile.json";
    private static final String PARAMETERS = "acme-bi51.parameters.json";
    private static final String DBC = "acme-bi51.dbc";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path plugins;
    private static Path can;
    private static Process program;
    private static Process simulator;
    private static PrintWriter shell;
    private static final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private static final StringBuffer err = new StringBuffer();
    private static int marks;

    @BeforeAll
    static void startProgram() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        can = dir.resolve("can");
        program = builder("--shell", "--headless").start();
        shell = new PrintWriter(program.getOutputStream(), true, StandardCharsets.UTF_8);
        drain(program.getInputStream(), out::add);
        drain(program.getErrorStream(), line -> err.append(line).append('\n'));
        command("echo started");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {simulator, program}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** {@code bin/bmsw --plugins <plugins> ARGS}, with data and configuration in the test's folder. */
    private static ProcessBuilder builder(String... args) {
        List<String> withPlugins = new ArrayList<>(List.of("--plugins", plugins.toString()));
        withPlugins.addAll(List.of(args));
        return Distribution.builder(dir, Map.of(), withPlugins.toArray(String[]::new));
    }

    /** Another program, run to its end. */
    private static Result bmsw(String... args) throws Exception {
        return Distribution.run(builder(args), Duration.ofSeconds(60));
    }

    private static void drain(InputStream stream, java.util.function.Consumer<String> sink) {
        drain(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), sink);
    }

    /** Passes every line on until the stream ends, or is closed as its process is stopped. */
    private static void drain(BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try {
                reader.lines().forEach(sink);
            } catch (java.io.UncheckedIOException e) {
                // the process was stopped
            }
        }, "bmsw output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Types a command into the running program's shell; returns what it printed on standard output. */
    private static String command(String line) throws InterruptedException {
        String mark = "MARK-" + (++marks);
        shell.println(line);
        shell.println("echo " + mark);
        StringBuilder printed = new StringBuilder();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            String next = out.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("no answer to '" + line + "' within 60 s; printed: " + printed + "\nstderr: " + err);
            }
            String text = next.replaceAll("^(g! )+", "");
            if (text.equals(mark)) {
                return printed.toString();
            }
            printed.append(text).append('\n');
        }
    }

    private static JsonNode json(String line) throws Exception {
        String printed = command(line);
        int object = printed.indexOf('{');
        int array = printed.indexOf('[');
        int start = object < 0 ? array : array < 0 ? object : Math.min(object, array);
        assertTrue(start >= 0, "JSON from '" + line + "': " + printed + "\nstderr: " + err);
        return JSON.readTree(printed.substring(start));
    }

    private static List<String> profileIds() throws Exception {
        List<String> ids = new ArrayList<>();
        json("bmsw profiles --json").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    private static long waitForProfiles(Predicate<List<String>> condition, String what) throws Exception {
        long start = System.nanoTime();
        while (!condition.test(profileIds())) {
            if (System.nanoTime() - start > 10_000_000_000L) {
                fail(what + " within 10 s; profiles: " + profileIds() + "\nstderr: " + err);
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail(what + "\nstderr: " + err);
            }
            Thread.sleep(20);
        }
    }

    /** Written beside, then moved in: FileInstall never sees half a file. */
    private static void drop(String name, String text) throws IOException {
        Path part = dir.resolve(name + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.move(part, plugins.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The OEM's profile: the JDI's, with its own id, name, the one model its boards report, its files' names and a
     * label of its own for the supply voltage.
     */
    private static String oemProfile() throws IOException {
        ObjectNode profile = (ObjectNode) JSON.readTree(JDI.resolve("jdi-bi51.profile.json").toFile());
        profile.put("id", ID);
        profile.putObject("name").put("en", "ACME BI51").put("zh", "ACME BI51");
        profile.putArray("models").add("BI5132");
        ObjectNode identify = (ObjectNode) profile.get("identify");
        identify.remove("models");
        identify.put("ascii", "BI5132");
        profile.put("parameters", PARAMETERS);
        ObjectNode canSection = (ObjectNode) profile.get("can");
        canSection.put("dbc", DBC);
        canSection.putObject("name").put("en", "ACME BI51 on CAN");
        for (JsonNode quantity : profile.get("quantities")) {
            if (quantity.get("key").asText().equals("voltage.vcc")) {
                ((ObjectNode) quantity).putObject("label").put("en", "ACME supply");
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(profile);
    }

    /** "line L, column C" where {@code needle} starts in {@code text}. */
    private static String place(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        return "line " + line + ", column " + (at - text.lastIndexOf('\n', at - 1));
    }

    @Test
    @Order(1)
    void threeDroppedFilesAreTwoLiveProfilesWithoutARestart() throws Exception {
        assertTrue(profileIds().contains("jdi.bi51.can"), "the JDI's CAN profile, from its bundle's data");
        assertFalse(profileIds().contains(CAN_ID), "not there before the drop");
        drop(DBC, Files.readString(JDI.resolve("jdi-bi51.dbc")));
        drop(PARAMETERS, Files.readString(JDI.resolve("jdi-bi51.parameters.json")).replace("\"profile\": \"jdi.bi51\"",
                "\"profile\": \"" + ID + "\""));
        drop(PROFILE, oemProfile());
        long ms = waitForProfiles(ids -> ids.contains(ID) && ids.contains(CAN_ID), "both profiles are live");
        System.out.println("CAN profile drop: " + CAN_ID + " live " + ms + " ms after its files were dropped");

        JsonNode files = json("bmsw profile list --json");
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).get("live").asBoolean(), files.toString());
        assertEquals(List.of(ID, CAN_ID), List.of(files.at("/0/profiles/0").asText(), files.at("/0/profiles/1").asText()));
        String validate = command("bmsw profile validate " + plugins.resolve(PROFILE));
        assertTrue(validate.contains(PROFILE + ": valid (profiles " + ID + ", " + CAN_ID + ")"), validate);
    }

    @Test
    @Order(2)
    void oneProcessSimulatesTheDroppedCanProfileAndAnotherReadsIt() throws Exception {
        simulator = builder("simulate", "--slcan", can.toString(), "--profile", CAN_ID, "--cells", "32")
                .redirectErrorStream(true).start();
        BufferedReader simulated = new BufferedReader(new InputStreamReader(simulator.getInputStream(),
                StandardCharsets.UTF_8));
        String first = simulated.readLine();
        assertTrue(first != null && first.startsWith("simulating " + CAN_ID + " at address [1] (32 cells"),
                "the simulator serves the dropped profile: " + first);
        drain(simulated, line -> { });

        Result read = bmsw("read", "--can", "slcan:" + can + "@250000", "--profile", CAN_ID, "--json");
        assertEquals(0, read.code(), read.out() + read.err());
        JsonNode t = read.json();
        assertEquals(ID, t.at("/device/profile").asText(), "sessions carry the parameter files' profile id");
        assertEquals("BI5132", t.at("/device/model").asText(), "the model from the broadcast's VAL_ names");
        assertEquals(32, t.at("/cells").size(), t.toString());
        double sum = 0;
        for (JsonNode cell : t.at("/cells")) {
            double volts = cell.get("volts").asDouble();
            assertTrue(volts > 2.5 && volts < 3.8, "cell " + cell);
            sum += volts;
        }
        assertEquals(sum, t.at("/pack/voltage").asDouble(), 0.1 + 32 * 0.0005, "pack voltage is the sum of the cells");
        JsonNode vcc = null;
        JsonNode insulation = null;
        for (JsonNode q : t.at("/quantities")) {
            vcc = q.get("key").asText().equals("voltage.vcc") ? q : vcc;
            insulation = q.get("key").asText().equals("insulation.positive") ? q : insulation;
        }
        assertTrue(vcc != null && insulation != null, t.at("/quantities").toString());
        assertEquals("ACME supply", vcc.get("label").asText(), "the OEM's own label, from its profile file");
        assertEquals("kΩ", insulation.get("unit").asText(), "units from the profile, not the DBC's ASCII kOhm");

        JsonNode params = json("bmsw params read --can slcan:" + can + "@250000 --profile " + CAN_ID + " --json");
        assertEquals(3650, params.at("/values/COV/value").asDouble(), 1e-9, "parameters over XCP: " + params);
        String written = command("bmsw params write --can slcan:" + can + "@250000 --profile " + CAN_ID
                + " --yes COVDelay=7");
        assertTrue(written.contains("in RAM only"), "Calibration writes the RAM page: " + written + "\nstderr: " + err);
        JsonNode back = json("bmsw params read --can slcan:" + can + "@250000 --profile " + CAN_ID + " --json");
        assertEquals(7, back.at("/values/COVDelay/value").asDouble(), 1e-9, back.toString());
    }

    @Test
    @Order(3)
    void aMissingDbcAndASignalTheDbcLacksAreRefusedWithLineAndColumn() throws Exception {
        // an engineer's edits of the live profile, saved under other names
        String missing = oemProfile().replace("\"dbc\" : \"" + DBC + "\"", "\"dbc\" : \"acme.dbc\"");
        String signal = oemProfile().replace("\"signal\" : \"Model\"", "\"signal\" : \"Modell\"");
        drop("nodbc.profile.json", missing);
        drop("nosignal.profile.json", signal);
        waitFor(() -> err.toString().contains("nodbc.profile.json refused") && err.toString()
                .contains("nosignal.profile.json refused"), 10_000, "both refusals are logged");
        String log = err.toString();
        assertTrue(log.contains("nodbc.profile.json " + place(missing, "\"dbc\"")
                + ": $.can.dbc: names acme.dbc, which is not beside the profile"), log);
        assertTrue(log.contains("nosignal.profile.json " + place(signal, "\"signal\" : \"Modell\"")
                + ": $.can.identify.signal: message BMS_Insulation in " + DBC + " has no signal 'Modell'"), log);
        String validate = command("bmsw profile validate " + plugins.resolve("nodbc.profile.json"));
        assertTrue(validate.contains("nodbc.profile.json: 1 problem") && validate.contains(place(missing, "\"dbc\"")),
                validate);
        JsonNode files = json("bmsw profile list --json");
        assertEquals(3, files.size(), files.toString());
        for (JsonNode file : files) {
            boolean good = file.get("file").asText().endsWith(PROFILE);
            assertEquals(good, file.get("live").asBoolean(), file.toString());
            assertEquals(good ? 0 : 1, file.get("problems").size(), file.toString());
        }
        assertTrue(profileIds().contains(CAN_ID), "the refused files touch nothing else");
        Result read = bmsw("read", "--can", "slcan:" + can + "@250000", "--profile", CAN_ID, "--json");
        assertEquals("BI5132", read.json().at("/device/model").asText(), "the live profile still reads: " + read.err());
    }

    @Test
    @Order(4)
    void deletingTheProfileFileTakesBothProfilesAway() throws Exception {
        Files.delete(plugins.resolve(PROFILE));
        long ms = waitForProfiles(ids -> !ids.contains(ID) && !ids.contains(CAN_ID), "both profiles are gone");
        System.out.println("CAN profile drop: " + CAN_ID + " gone " + ms + " ms after its file was deleted");
        assertTrue(profileIds().contains("jdi.bi51.can"), "the built-in CAN profile stays");
    }
}
