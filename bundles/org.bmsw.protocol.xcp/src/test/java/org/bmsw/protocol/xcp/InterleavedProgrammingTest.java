package org.bmsw.protocol.xcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpCanResponder;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.slcan.internal.SlcanTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XCP's interleaved mode for master blocks: the next block goes out before the answer to the last, so the bus does
 * not idle while an answer travels; a lost answer falls back to one block per answer without losing data.
 */
class InterleavedProgrammingTest {

    private static final long BASE = 0x0001_0000L;
    private static final FlashMap MAP = FlashMap.uniform(BASE, 2048, 4);

    @TempDir
    Path dir;

    @Test
    void theSecondBlockGoesOutBeforeTheFirstIsAnswered() throws Exception {
        Bootloader bootloader = new Bootloader(MAP);
        XcpSlave slave = new XcpSlave(XcpSlaveConfig.can(), bootloader, null);
        List<String> events = new ArrayList<>();
        DirectTransport direct = new DirectTransport(slave, XcpTransports.CAN_MAX_PACKET, true);
        XcpTransport recording = new XcpTransport() {
            @Override
            public int maxPacketLength() {
                return direct.maxPacketLength();
            }

            @Override
            public boolean supportsBlockMode() {
                return true;
            }

            @Override
            public byte[] exchange(byte[] command, Duration timeout) throws XcpException {
                return direct.exchange(command, timeout);
            }

            @Override
            public void send(byte[] command) {
                if ((command[0] & 0xFF) == XcpCommand.PROGRAM.code()) {
                    events.add("block");
                }
                direct.send(command);
            }

            @Override
            public byte[] receive(Duration timeout) throws XcpException {
                events.add("answer");
                return direct.receive(timeout);
            }

            @Override
            public String describe() {
                return "recording";
            }
        };
        XcpMaster master = XcpMaster.on(recording);
        master.connect();
        ProgramInfo pgm = master.programStart();
        assertTrue(pgm.interleaved(), "the CAN slave offers interleaved mode");
        assertEquals(1, pgm.queueSizePgm());
        byte[] image = FlashSequence.image(40, 2_000);
        master.programClear(BASE, image.length);
        master.program(BASE, image);
        assertEquals(List.of("block", "block", "answer", "block", "answer", "block"), events.subList(0, 6),
                "two blocks on their way before the first answer is awaited: " + events);
        assertTrue(master.checksum(BASE, image.length).matches(image, 0, image.length, true));
        assertFalse(XcpSlaveConfig.can().withoutInterleaving().queueSizePgm() > 0);
    }

    @Test
    void aLostAnswerOverSlcanFallsBackToOneBlockPerAnswerAndTheImageIsComplete() throws Exception {
        Bootloader bootloader = new Bootloader(MAP);
        bootloader.install(Map.of(BASE, FlashSequence.image(41, 3_000)));
        bootloader.requestBootloader();
        XcpCanResponder responder = new XcpCanResponder(new XcpSlave(XcpSlaveConfig.can(), bootloader, null),
                XcpCanIds.OPENBLT);
        AtomicInteger blockAnswers = new AtomicInteger();
        try (SlcanAdapterEmulation adapter = new SlcanAdapterEmulation(dir, frame -> {
            Optional<CanFrame> answer = responder.handle(frame);
            int code = frame.data()[0] & 0xFF;
            boolean blockEnd = code == XcpCommand.PROGRAM_NEXT.code() || code == XcpCommand.PROGRAM.code();
            if (answer.isPresent() && blockEnd && blockAnswers.incrementAndGet() == 3) {
                return Optional.empty(); // the answer to the third block is lost
            }
            return answer;
        })) {
            CanLink link = new SlcanTransport(new SerialTransport()).openCanLink(LinkSettings.of("slcan",
                    adapter.socat.a.toString(), 250_000));
            XcpMaster master = new XcpMaster(XcpTransports.can(link, XcpCanIds.OPENBLT), XcpTimeouts.openBlt().scaled(0.2));
            byte[] image = FlashSequence.image(42, 6_000);
            FlashSequence.flash(master, BASE, image);
            assertArrayEquals(image, bootloader.readActive(BASE, image.length));
            assertEquals(Bootloader.Mode.APPLICATION, bootloader.mode());
            assertTrue(blockAnswers.get() > 3);
            link.close();
        }
    }
}
