package org.bmsw.protocol.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * mbpoll (libmodbus), a master nobody here wrote, against our {@link RtuServer} with two {@link ModbusRtuSlave}s on
 * one end of a socat pty pair. mbpoll's {@code -r} is 1-based: reference n is PDU address n-1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MbpollInteropTest {

    private static final Pattern VALUE = Pattern.compile("^\\[(\\d+)\\]:\\s+(0x[0-9A-Fa-f]+|-?\\d+)", Pattern.MULTILINE);
    private static final Pattern SLAVE = Pattern.compile("^-- Polling slave (\\d+)", Pattern.MULTILINE);

    private ExternalTools.PtyPair pair;
    private PtyLink link;
    private Thread serving;
    private final ArrayRegisterBank one = new ArrayRegisterBank(100, 50);
    private final ArrayRegisterBank two = new ArrayRegisterBank(100, 0);

    private static int holding(int unit, int i) {
        return (i * 211 + 5 + unit * 1000) & 0xFFFF;
    }

    @BeforeAll
    void startOurSlave(@TempDir Path dir) throws Exception {
        if (ExternalTools.skipRequested()) {
            Assumptions.abort("interop tests skipped with -Dbmsw.interop=skip");
        }
        if (!ExternalTools.onPath("socat") || !ExternalTools.onPath("mbpoll")) {
            fail("socat and mbpoll are needed (apt-get install -y socat mbpoll)");
        }
        for (int i = 0; i < 100; i++) {
            one.setHolding(i, holding(1, i));
            two.setHolding(i, holding(2, i));
        }
        for (int i = 0; i < 50; i++) {
            one.setInput(i, 30000 + i * 3);
        }
        pair = new ExternalTools.PtyPair(dir);
        link = new PtyLink(pair.a(), 9600);
        RtuServer server = new RtuServer(new ModbusRtuSlave(1, one), new ModbusRtuSlave(2, two));
        serving = new Thread(() -> {
            try {
                server.serve(link);
            } catch (Exception e) {
                if (link.isOpen()) {
                    e.printStackTrace();
                }
            }
        }, "rtu-server");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (serving != null) {
            serving.interrupt();
            serving.join(5000);
        }
        if (link != null) {
            link.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private ExternalTools.Result mbpoll(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-1"));
        command.addAll(List.of(args));
        command.add(pair.b().toString());
        return ExternalTools.run(20, command);
    }

    private ExternalTools.Result mbpollWrite(String reference, String... values) throws Exception {
        List<String> command = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-1",
                "-a", "1", "-t", "4", "-r", reference, pair.b().toString()));
        command.addAll(List.of(values));
        return ExternalTools.run(20, command);
    }

    /** reference -> value, per polled slave. */
    private static Map<Integer, Map<Integer, Integer>> values(String output) {
        Map<Integer, Map<Integer, Integer>> bySlave = new LinkedHashMap<>();
        int slave = -1;
        for (String line : output.split("\n")) {
            Matcher s = SLAVE.matcher(line);
            if (s.find()) {
                slave = Integer.parseInt(s.group(1));
                bySlave.put(slave, new LinkedHashMap<>());
                continue;
            }
            Matcher v = VALUE.matcher(line);
            if (v.find() && slave >= 0) {
                String text = v.group(2);
                int value = text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
                bySlave.get(slave).put(Integer.parseInt(v.group(1)), value & 0xFFFF);
            }
        }
        return bySlave;
    }

    @Test
    void mbpollReadsOurHoldingRegisters() throws Exception {
        ExternalTools.Result r = mbpoll("-a", "1", "-t", "4:hex", "-r", "1", "-c", "10");
        assertEquals(0, r.exit(), r.output());
        Map<Integer, Integer> got = values(r.output()).get(1);
        assertEquals(10, got.size(), r.output());
        for (int ref = 1; ref <= 10; ref++) {
            assertEquals(holding(1, ref - 1), got.get(ref), "reference " + ref);
        }
    }

    @Test
    void mbpollReadsOurInputRegisters() throws Exception {
        ExternalTools.Result r = mbpoll("-a", "1", "-t", "3", "-r", "6", "-c", "20");
        assertEquals(0, r.exit(), r.output());
        Map<Integer, Integer> got = values(r.output()).get(1);
        assertEquals(20, got.size(), r.output());
        for (int ref = 6; ref < 26; ref++) {
            assertEquals(30000 + (ref - 1) * 3, got.get(ref), "reference " + ref);
        }
    }

    @Test
    void mbpollPollsTwoSlavesOnOneBus() throws Exception {
        ExternalTools.Result r = mbpoll("-a", "1,2", "-t", "4:hex", "-r", "41", "-c", "3");
        assertEquals(0, r.exit(), r.output());
        Map<Integer, Map<Integer, Integer>> got = values(r.output());
        for (int unit = 1; unit <= 2; unit++) {
            for (int ref = 41; ref <= 43; ref++) {
                assertEquals(holding(unit, ref - 1), got.get(unit).get(ref), "slave " + unit + " reference " + ref);
            }
        }
    }

    @Test
    void mbpollWritesOurRegisters() throws Exception {
        ExternalTools.Result r = mbpollWrite("61", "48879");
        assertEquals(0, r.exit(), r.output());
        assertEquals(48879, one.holding(60));
        r = mbpollWrite("71", "1", "2", "65535");
        assertEquals(0, r.exit(), r.output());
        assertEquals(1, one.holding(70));
        assertEquals(2, one.holding(71));
        assertEquals(65535, one.holding(72));
        assertEquals(holding(1, 73), one.holding(73), "neighbour untouched");
        assertEquals(holding(2, 70), two.holding(70), "other slave untouched");
    }

    @Test
    void mbpollGetsOurExceptionResponses() throws Exception {
        ExternalTools.Result r = mbpoll("-a", "1", "-t", "4", "-r", "100", "-c", "5");
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Illegal data address"), r.output());
        r = mbpoll("-a", "2", "-t", "3", "-r", "1", "-c", "1");
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Illegal data address") || r.output().contains("Illegal function"),
                r.output());
        r = mbpoll("-a", "1", "-t", "0", "-r", "1", "-c", "1");
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Illegal function"), r.output());
    }

    @Test
    void theWireCarriedTheExpectedFunctionCodes() throws Exception {
        mbpoll("-a", "1", "-t", "4", "-r", "1", "-c", "1");
        mbpoll("-a", "1", "-t", "3", "-r", "1", "-c", "1");
        mbpollWrite("90", "7");
        mbpollWrite("91", "8", "9");
        Set<Integer> functions = new TreeSet<>();
        for (byte[] frame : RtuFrameSplitter.forRequests().feed(link.receivedSoFar())) {
            functions.add(frame[1] & 0xFF);
        }
        // mbpoll writes one value with FC 06 and several with FC 16
        assertTrue(functions.containsAll(Set.of(3, 4, 6, 16)), "function codes seen: " + functions);
    }
}
