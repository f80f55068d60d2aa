package org.bmsw.workbench.cantrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.can.dbc.Dbc;
import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.AbstractLink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding, filtering and saving with the JDI profile's own DBC; the candump log is read back by python-can's
 * canutils reader, a program nobody here wrote.
 */
class TraceFormatTest {

    static Dbc dbc;
    static DbcMessage pack;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        dbc = Dbc.load(JdiData.dbc());
        pack = dbc.message("BMS_Pack").orElseThrow();
    }

    private static TracedFrame frame(DbcMessage message, Map<String, Double> values) {
        return new TracedFrame(Instant.parse("2025-03-01T10:15:30.123456Z"),
                CanFrame.data(message.id(), message.extended(), message.encode(values)), false);
    }

    @Test
    void framesAreDecodedIntoTheirMessageAndSignalValuesWithUnits() {
        FrameDecoder decoder = new FrameDecoder(dbc);
        TracedFrame soc = frame(pack, Map.of("SOC", 62.5));
        FrameDecoder.Decoded d = decoder.decode(soc.frame());
        assertEquals("BMS_Pack", d.message());
        assertTrue(d.signals().contains("SOC=62.5 %"), d.signals());
        assertTrue(d.signalNames().contains("SOC"));
        assertEquals(FrameDecoder.Decoded.NONE, decoder.decode(CanFrame.data(0x123, false, (byte) 1)), "not in the DBC");
        assertEquals(FrameDecoder.Decoded.NONE, new FrameDecoder(null).decode(soc.frame()), "no DBC");
        CanFrame shortFrame = CanFrame.data(pack.id(), true, (byte) 1, (byte) 2);
        assertEquals("DLC 2 < 8", decoder.decode(shortFrame).signals(), "a frame shorter than its message is said so");
    }

    @Test
    void theFilterMatchesIdsMessagesAndSignalsInAnyCase() {
        FrameDecoder decoder = new FrameDecoder(dbc);
        TracedFrame soc = frame(pack, Map.of("SOC", 50.0));
        DbcMessage insulation = dbc.message("BMS_Insulation").orElseThrow();
        TracedFrame model = frame(insulation, Map.of());
        TracedFrame other = new TracedFrame(Instant.now(), CanFrame.data(0x7F1, false, (byte) 0xFF), false);
        record Case(String filter, boolean soc, boolean model, boolean other) {
        }
        for (Case c : List.of(new Case("", true, true, true), new Case("0x18FF01F3", true, false, false),
                new Case("18ff01f3", true, false, false), new Case("bms_pack", true, false, false),
                new Case("model", false, true, false), new Case("soc, 7F1", true, false, true),
                new Case("nothing-like-this", false, false, false))) {
            FrameFilter f = FrameFilter.parse(c.filter());
            assertEquals(c.soc(), f.matches(soc, decoder.message(soc.frame())), c + " on BMS_Pack");
            assertEquals(c.model(), f.matches(model, decoder.message(model.frame())), c + " on BMS_Insulation");
            assertEquals(c.other(), f.matches(other, decoder.message(other.frame())), c + " on 0x7F1");
        }
    }

    @Test
    void aCandumpLogIsReadBackByPythonCan() throws Exception {
        List<TracedFrame> frames = new ArrayList<>();
        frames.add(frame(pack, Map.of("SOC", 62.5)));
        frames.add(new TracedFrame(Instant.parse("2025-03-01T10:15:30.200001Z"), CanFrame.data(0x7F0, false, (byte) 0xFF, (byte) 0),
                true));
        frames.add(new TracedFrame(Instant.parse("2025-03-01T10:15:31Z"), CanFrame.remote(0x123, false, 0), false));
        frames.add(new TracedFrame(Instant.parse("2025-03-01T10:15:32Z"), CanFrame.data(0x1ABCDEF0, true), false));
        Path log = dir.resolve("trace.log");
        TraceFiles.candump(log, "slcan0", frames);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals("(1740824130.123456) slcan0 18FF01F3#" + java.util.HexFormat.of().withUpperCase()
                .formatHex(frames.get(0).frame().data()), lines.get(0));
        assertEquals("(1740824130.200001) slcan0 7F0#FF00", lines.get(1));
        assertEquals("(1740824131.000000) slcan0 123#R", lines.get(2));
        assertEquals("(1740824132.000000) slcan0 1ABCDEF0#", lines.get(3));

        Process python = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import can, sys",
                "for m in can.CanutilsLogReader(sys.argv[1]):",
                "    print('%.6f %X %d %d %d %s' % (m.timestamp, m.arbitration_id, m.is_extended_id, m.is_remote_frame, m.dlc, m.data.hex().upper()))"),
                log.toString()).redirectErrorStream(true).start();
        List<String> read = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, python.waitFor(), read.toString());
        assertEquals(4, read.size(), read.toString());
        for (int i = 0; i < frames.size(); i++) {
            CanFrame f = frames.get(i).frame();
            Instant t = frames.get(i).time();
            String expected = String.format("%d.%06d %X %d %d %d %s", t.getEpochSecond(), t.getNano() / 1000, f.id(),
                    f.extended() ? 1 : 0, f.remote() ? 1 : 0, f.length(), java.util.HexFormat.of().withUpperCase().formatHex(f.data()));
            assertEquals(expected, read.get(i), "frame " + i + " as python-can reads it");
        }

        Path csv = dir.resolve("trace.csv");
        TraceFiles.csv(csv, frames, new FrameDecoder(dbc));
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("time,direction,id,extended,remote,dlc,data,message,signals", rows.get(0));
        assertTrue(rows.get(1).startsWith("2025-03-01T10:15:30.123456Z,rx,18FF01F3,true,false,8,"), rows.get(1));
        assertTrue(rows.get(1).contains(",BMS_Pack,") && rows.get(1).contains("SOC=62.5 %"), rows.get(1));
        assertTrue(rows.get(2).startsWith("2025-03-01T10:15:30.200001Z,tx,7F0,false,false,2,FF00,,"), rows.get(2));
        assertFalse(Files.exists(dir.resolve("trace.csv.part")));
    }

    @Test
    void aLinkWithoutAFrameListenerIsNotTracedAndTheLogKeepsTheNewest() {
        FrameLog log = new FrameLog(3);
        assertEquals(Optional.empty(), FrameTap.start(new Silent(), log), "listen throws: nothing to trace");
        for (int i = 0; i < 5; i++) {
            log.add(new TracedFrame(Instant.now(), CanFrame.data(i, false), false));
        }
        assertEquals(5, log.total());
        assertEquals(2, log.dropped());
        assertEquals(List.of(2, 3, 4), log.range(0, 5).stream().map(t -> t.frame().id()).toList(), "the newest kept");
        assertEquals(List.of(3), log.range(3, 4).stream().map(t -> t.frame().id()).toList());
        log.clear();
        assertEquals(List.of(), log.range(0, 5));
    }

    /** A CAN link of a transport that cannot tell anyone of its frames (the interface's default listen). */
    private static final class Silent extends AbstractLink implements CanLink {
        Silent() {
            super(LinkSettings.of("other", "bus0", 500_000));
        }

        @Override
        public void send(CanFrame frame) {
        }

        @Override
        public CanFrame receive(long timeoutNanos) {
            return null;
        }

        @Override
        protected void release() {
        }
    }
}
