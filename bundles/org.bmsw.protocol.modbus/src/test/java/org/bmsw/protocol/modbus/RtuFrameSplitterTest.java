package org.bmsw.protocol.modbus;

import static org.bmsw.protocol.modbus.TestFrames.exceptionReply;
import static org.bmsw.protocol.modbus.TestFrames.readReply;
import static org.bmsw.protocol.modbus.TestFrames.readRequest;
import static org.bmsw.protocol.modbus.TestFrames.withCrc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RtuFrameSplitterTest {

    private static List<byte[]> sampleRequests() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(readRequest(1, 3, 0, 10));
        frames.add(readRequest(2, 4, 0x100, 125));
        frames.add(withCrc(1, 6, 0, 0x12, 0x01, 0xF4));
        frames.add(withCrc(3, 16, 0, 5, 0, 2, 4, 0xAA, 0xBB, 0xCC, 0xDD));
        frames.add(withCrc(1, 0x6D, 2, 0xFF, 0x00));
        frames.add(withCrc(0, 16, 0, 1, 0, 1, 2, 0, 9));
        return frames;
    }

    private static List<byte[]> feedInChunks(RtuFrameSplitter splitter, byte[] stream, Random random) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < stream.length) {
            int n = Math.min(stream.length - pos, 1 + random.nextInt(7));
            out.addAll(splitter.feed(stream, pos, n));
            pos += n;
        }
        return out;
    }

    @Test
    void findsBackToBackFramesWhateverTheChunking() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> frames = sampleRequests();
        frames.forEach(stream::writeBytes);
        for (int seed = 0; seed < 50; seed++) {
            RtuFrameSplitter splitter = RtuFrameSplitter.forRequests().withFunction(0x6D, FrameLength.byteCountAt(1));
            List<byte[]> found = feedInChunks(splitter, stream.toByteArray(), new Random(seed));
            assertEquals(frames.size(), found.size(), "seed " + seed);
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(frames.get(i), found.get(i));
            }
            assertEquals(0, splitter.discardedBytes());
            assertEquals(0, splitter.pending());
        }
    }

    @Test
    void skipsGarbageBetweenFrames() {
        Random random = new Random(7);
        List<byte[]> frames = sampleRequests();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int garbage = 0;
        for (byte[] f : frames) {
            byte[] noise = new byte[1 + random.nextInt(5)];
            random.nextBytes(noise);
            stream.writeBytes(noise);
            garbage += noise.length;
            stream.writeBytes(f);
        }
        RtuFrameSplitter splitter = RtuFrameSplitter.forRequests().withFunction(0x6D, FrameLength.byteCountAt(1));
        List<byte[]> found = feedInChunks(splitter, stream.toByteArray(), random);
        found.addAll(splitter.endOfFrame());
        assertEquals(frames.size(), found.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), found.get(i));
        }
        assertEquals(garbage, splitter.discardedBytes());
    }

    @Test
    void aStrayHeaderOfALongFrameDoesNotSwallowTheNextFrame() {
        // "01 10 00 00 00 7B F6" announces 246 data bytes that never come; the real request follows at once
        RtuFrameSplitter splitter = RtuFrameSplitter.forRequests();
        assertTrue(splitter.feed(TestFrames.hex("01 10 00 00 00 7B F6")).isEmpty());
        byte[] real = readRequest(1, 3, 7, 1);
        List<byte[]> found = splitter.feed(real);
        assertEquals(1, found.size());
        assertArrayEquals(real, found.get(0));
        assertEquals(7, splitter.discardedBytes());
    }

    @Test
    void corruptedFrameIsDroppedAndTheNextOneFound() {
        byte[] bad = readRequest(1, 3, 0, 1);
        bad[3] ^= 0x04;
        byte[] good = readRequest(1, 3, 0, 2);
        RtuFrameSplitter splitter = RtuFrameSplitter.forRequests();
        List<byte[]> found = new ArrayList<>(splitter.feed(bad));
        found.addAll(splitter.feed(good));
        assertEquals(1, found.size());
        assertArrayEquals(good, found.get(0));
        assertEquals(bad.length, splitter.discardedBytes());
    }

    @Test
    void unknownFunctionEndsOnSilenceOrAtTheNextFrame() {
        RtuFrameSplitter splitter = RtuFrameSplitter.forRequests();
        byte[] odd = withCrc(1, 0x42, 1, 2, 3, 4, 5);
        assertTrue(splitter.feed(odd).isEmpty());
        List<byte[]> found = splitter.endOfFrame();
        assertEquals(1, found.size());
        assertArrayEquals(odd, found.get(0));

        byte[] next = readRequest(1, 3, 0, 1);
        byte[] both = new byte[odd.length + next.length];
        System.arraycopy(odd, 0, both, 0, odd.length);
        System.arraycopy(next, 0, both, odd.length, next.length);
        found = splitter.feed(both);
        assertEquals(2, found.size());
        assertArrayEquals(odd, found.get(0));
        assertArrayEquals(next, found.get(1));

        assertTrue(splitter.feed(TestFrames.hex("01 42 99")).isEmpty());
        assertTrue(splitter.endOfFrame().isEmpty());
        assertEquals(3, splitter.discardedBytes());
    }

    @Test
    void splitsResponsesIncludingExceptionResponses() {
        List<byte[]> frames = List.of(readReply(1, 3, 1, 2, 3), exceptionReply(1, 6, 2), withCrc(1, 6, 0, 1, 0, 2),
                withCrc(1, 16, 0, 1, 0, 2), readReply(9, 4));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frames.forEach(stream::writeBytes);
        RtuFrameSplitter splitter = RtuFrameSplitter.forResponses();
        List<byte[]> found = feedInChunks(splitter, stream.toByteArray(), new Random(3));
        assertEquals(frames.size(), found.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), found.get(i));
        }
    }

    @Test
    void randomNoiseNeverStallsTheSplitterAndEveryByteIsAccountedFor() {
        Random random = new Random(11);
        byte[] noise = new byte[20_000];
        random.nextBytes(noise);
        RtuFrameSplitter splitter = RtuFrameSplitter.forRequests();
        List<byte[]> found = feedInChunks(splitter, noise, random);
        found.addAll(splitter.endOfFrame());
        for (byte[] f : found) {
            assertTrue(ModbusCrc.check(f), "a frame without a valid CRC came out");
        }
        assertEquals(0, splitter.pending());
        long inFrames = found.stream().mapToLong(f -> f.length).sum();
        assertEquals(noise.length, splitter.discardedBytes() + inFrames);
    }
}
