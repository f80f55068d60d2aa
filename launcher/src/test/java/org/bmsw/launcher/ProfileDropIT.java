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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OEM kit's promise, from the outside: the real distribution runs ({@code bin/bmsw --shell}, commands typed into
 * its shell), the worked example's two JSON files are copied into its {@code plugins/} folder, and the same running
 * program reads a PACE BMS that python3-pymodbus serves on a socat pty with it, without a restart. Broken profile
 * files are refused with their precise message while the others keep working; replacing the file ends an open
 * session with a clear message; deleting it makes the profile disappear. The simulator serves the dropped profile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfileDropIT {

    private static final Path HOME = Path.of(System.getProperty("bmsw.distribution", "target/bmsw")).toAbsolutePath();
    /** The worked example, as it lives in the repository. */
    private static final Path EXAMPLE = Path.of("../bundles/org.bmsw.profile.pace/src/main/resources/org/bmsw/profile/pace")
            .toAbsolutePath().normalize();
    private static final String PROFILE = "pace-modbus.profile.json";
    private static final String PARAMETERS = "pace-modbus.parameters.json";
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path plugins;
    private static Process socat;
    private static Process slave;
    private static String port;
    private static Process program;
    private static PrintWriter shell;
    private static final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private static final StringBuffer err = new StringBuffer();
    private static int marks;

    @BeforeAll
    static void startSlaveAndProgram() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail("/usr/bin/python3 with python3-pymodbus is needed (apt-get install -y python3-pymodbus socat)");
        }
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Path a = dir.resolve("slave-end");
        Path b = dir.resolve("master-end");
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        waitFor(() -> Files.exists(a) && Files.exists(b), 10_000, "socat made the pty pair");
        port = b.toString();
        Path script = dir.resolve("pace_slave.py");
        try (InputStream in = ProfileDropIT.class.getResourceAsStream("/profile-drop/pace_slave.py")) {
            Files.copy(in, script);
        }
        slave = new ProcessBuilder(PYTHON, script.toString(), a.toString(), "1")
                .redirectError(dir.resolve("slave.err").toFile()).start();
        String ready = new BufferedReader(new InputStreamReader(slave.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("READY", ready, "the pymodbus slave serves " + a);

        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/bmsw").toString(), "--shell", "--headless",
                "--plugins", plugins.toString());
        builder.environment().put("BMSW_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("BMSW_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().remove("DISPLAY");
        program = builder.start();
        shell = new PrintWriter(program.getOutputStream(), true, StandardCharsets.UTF_8);
        drain(program.getInputStream(), line -> out.add(line));
        drain(program.getErrorStream(), line -> err.append(line).append('\n'));
        command("echo started");
    }

    @AfterAll
    static void stop() throws Exception {
        if (program != null) {
            shell.close(); // end of input: the shell stops the program
            if (!program.waitFor(20, TimeUnit.SECONDS)) {
                program.destroy();
                program.waitFor(20, TimeUnit.SECONDS);
            }
        }
        for (Process p : new Process[] {slave, socat}) {
            if (p != null) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void drain(InputStream stream, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))
                .lines().forEach(sink), "bmsw output");
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
        int start = Math.min(printed.indexOf('{') < 0 ? Integer.MAX_VALUE : printed.indexOf('{'),
                printed.indexOf('[') < 0 ? Integer.MAX_VALUE : printed.indexOf('['));
        assertTrue(start < printed.length(), "JSON from '" + line + "': " + printed + "\nstderr: " + err);
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
                fail(what);
            }
            Thread.sleep(20);
        }
    }

    private static void drop(Path from, String name) throws IOException {
        // written beside, then moved: FileInstall never sees half a file
        Path part = dir.resolve(name + ".part");
        Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, plugins.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String read() {
        return "bmsw read --profile pace.modbus --port " + port + " --timeout 2000 --json";
    }

    @Test
    @Order(1)
    void aDroppedProfileFileIsLiveAndReadsThePymodbusSlaveWithoutARestart() throws Exception {
        assertFalse(profileIds().contains("pace.modbus"), "not there before the drop");
        drop(EXAMPLE.resolve(PARAMETERS), PARAMETERS);
        drop(EXAMPLE.resolve(PROFILE), PROFILE);
        long ms = waitForProfiles(ids -> ids.contains("pace.modbus"), "the dropped profile is live");
        System.out.println("profile drop: pace.modbus live " + ms + " ms after its file was dropped");

        JsonNode t = json(read());
        assertEquals("pace.modbus", t.at("/device/profile").asText(), t.toString());
        assertEquals("PACE-V1.3 TESTSLAVE", t.at("/device/model").asText());
        assertEquals(-12.34, t.at("/pack/current").asDouble(), 1e-9);
        assertEquals(52.80, t.at("/pack/voltage").asDouble(), 1e-9);
        assertEquals(87, t.at("/pack/soc").asDouble(), 1e-9, t.at("/pack").toString());
        assertEquals(16, t.at("/cells").size());
        assertEquals(3.302, t.at("/cells/2/volts").asDouble(), 1e-9);
        assertTrue(t.at("/cells/2/balancing").asBoolean());
        assertEquals(31.5, t.at("/temperatures/4/celsius").asDouble(), 1e-9);
        assertEquals(-5.5, t.at("/temperatures/3/celsius").asDouble(), 1e-9);
        assertTrue(t.at("/pack/chargeEnabled").asBoolean() && t.at("/pack/dischargeEnabled").asBoolean());
        assertTrue(t.toString().contains("SOCL"), "the low-SOC warning: " + t);

        JsonNode params = json("bmsw params read --group VOLTAGE --profile pace.modbus --port " + port + " --json");
        assertEquals(57.6, params.at("/values/POV_ALM/value").asDouble(), 1e-9, params.toString());
        assertEquals(3650, params.at("/values/COV_PROT/value").asDouble(), 1e-9);
    }

    @Test
    @Order(2)
    void brokenFilesAreRefusedWithTheirPlaceWhileTheOthersKeepWorking() throws Exception {
        for (String name : List.of("badrule.parameters.json", "broken-json.profile.json", "unknown-field.profile.json",
                "overlap.profile.json", "badrule.profile.json")) {
            try (InputStream in = ProfileDropIT.class.getResourceAsStream("/profile-drop/" + name)) {
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            drop(dir.resolve(name), name);
        }
        waitFor(() -> List.of("broken-json", "unknown-field", "overlap", "badrule").stream()
                .allMatch(name -> err.toString().contains(name + ".profile.json refused")), 10_000,
                "the four refusals are logged");
        String log = err.toString();
        assertTrue(log.contains("broken-json.profile.json line 4, column 3: malformed JSON"), log);
        assertTrue(log.contains("unknown-field.profile.json line 5, column 55: $.link.speed: unknown field 'speed'"), log);
        assertTrue(log.contains("overlap.profile.json line 9, column 5: $.blocks[1]: registers overlap block 'main'"), log);
        assertTrue(log.contains("badrule.parameters.json line 10, column 43: $.rules[0].left: unknown parameter 'COV_REL'"),
                log);

        JsonNode files = json("bmsw profile list --json");
        assertEquals(5, files.size(), files.toString());
        for (JsonNode file : files) {
            boolean pace = file.get("file").asText().endsWith(PROFILE);
            assertEquals(pace, file.get("live").asBoolean(), file.toString());
            assertEquals(pace, file.get("problems").isEmpty(), file.toString());
        }
        List<String> ids = profileIds();
        assertTrue(ids.contains("pace.modbus") && ids.contains("smartbms.v4"), ids.toString());
        assertTrue(ids.stream().noneMatch(id -> id.startsWith("broken")), ids.toString());
        assertEquals(52.80, json(read()).at("/pack/voltage").asDouble(), 1e-9, "the dropped profile still reads");

        String validate = command("bmsw profile validate " + plugins.resolve("overlap.profile.json") + " "
                + plugins.resolve(PROFILE));
        assertTrue(validate.contains("overlap.profile.json: 1 problem") && validate.contains(PROFILE + ": valid"), validate);
    }

    @Test
    @Order(3)
    void theSimulatorServesTheDroppedProfileFromTheSameFiles() throws Exception {
        Path simulated = dir.resolve("sim-pace");
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/bmsw").toString(), "--plugins", plugins.toString(),
                "simulate", "--profile", "pace.modbus", "--cells", "16", "--pty", simulated.toString(), "--address", "2");
        builder.environment().put("BMSW_DATA_DIR", dir.resolve("sim-data").toString());
        builder.environment().put("BMSW_CONFIG_DIR", dir.resolve("sim-config").toString());
        builder.environment().remove("DISPLAY");
        Process simulator = builder.start();
        drain(simulator.getErrorStream(), line -> { });
        try {
            String first = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(first != null && first.startsWith("simulating pace.modbus at address [2] (16 cells"), first);
            JsonNode t = json("bmsw read --profile pace.modbus --port " + simulated + " --address 2 --json");
            assertEquals("BMSW-SIM PACE V1.3", t.at("/device/model").asText(), t.toString());
            double sum = 0;
            for (JsonNode cell : t.at("/cells")) {
                sum += cell.get("volts").asDouble();
            }
            assertEquals(t.at("/pack/voltage").asDouble(), sum, 0.05, "pack voltage is the sum of the 16 cells");
        } finally {
            simulator.destroy();
            simulator.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(4)
    void replacingTheFileEndsOpenSessionsWithAClearMessage() throws Exception {
        shell.println("bmsw read --watch --interval 200 --profile pace.modbus --port " + port + " --json");
        String snapshot = out.poll(30, TimeUnit.SECONDS);
        assertTrue(snapshot != null && snapshot.contains("\"pace.modbus\""), "the watch reads: " + snapshot);
        String replaced = Files.readString(EXAMPLE.resolve(PROFILE)).replace("\"PACE BMS (Modbus RS485 V1.3)\"",
                "\"PACE BMS, second edition\"");
        Files.writeString(dir.resolve("replaced.json"), replaced);
        drop(dir.resolve("replaced.json"), PROFILE);
        // the shell shows a command's errors on its terminal, the program's standard output
        String message = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (message == null && System.currentTimeMillis() < deadline) {
            String line = out.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && line.contains("session closed")) {
                message = line;
            }
        }
        assertTrue(message != null, "the watch ends when its profile is replaced; stderr: " + err);
        command("echo the watch has ended"); // what the watch printed before is read and dropped
        assertTrue(message.contains("profile pace.modbus was replaced (" + PROFILE
                + " changed); reconnect to use the new definition"), message);
        assertTrue(profileIds().contains("pace.modbus"), "the new definition is live when the old sessions end");
        JsonNode names = json("bmsw profiles --json");
        assertTrue(names.toString().contains("PACE BMS, second edition"), names + "\nstderr: " + err);
        assertEquals(-12.34, json(read()).at("/pack/current").asDouble(), 1e-9, "the new definition reads");
    }

    @Test
    @Order(5)
    void deletingTheFileMakesTheProfileDisappear() throws Exception {
        Files.delete(plugins.resolve(PROFILE));
        long ms = waitForProfiles(ids -> !ids.contains("pace.modbus"), "the deleted profile is gone");
        System.out.println("profile drop: pace.modbus gone " + ms + " ms after its file was deleted");
        String refused = command(read());
        assertTrue(refused.contains("pace.modbus"), "reading it now names the missing profile: " + refused);
        assertTrue(profileIds().contains("smartbms.v4"), "the built-in profiles stay");
    }
}
