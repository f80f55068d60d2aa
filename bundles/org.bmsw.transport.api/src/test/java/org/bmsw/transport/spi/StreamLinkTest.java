package org.bmsw.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.LinkStatistics.ErrorKind;
import org.junit.jupiter.api.Test;

/** The receive buffer, with a connection that delivers prepared chunks. */
class StreamLinkTest {

    /** Delivers queued chunks; an empty chunk ends the stream. */
    private static final class Scripted implements StreamLink.Connection {
        final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

        @Override
        public int read(byte[] buffer) throws IOException {
            try {
                byte[] chunk = chunks.take();
                System.arraycopy(chunk, 0, buffer, 0, chunk.length);
                return chunk.length == 0 ? -1 : chunk.length;
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void write(byte[] data, int offset, int length) {
        }

        @Override
        public void close() {
            chunks.add(new byte[0]);
        }
    }

    @Test
    void anUnreadBufferKeepsTheNewestBytesInOrderAndCountsWhatItDropped() throws Exception {
        Scripted connection = new Scripted();
        StreamLink link = new StreamLink(LinkSettings.of("serial", "scripted", 9600), "scripted port",
                vanished -> connection, false, false).start();
        int total = StreamLink.BUFFER_CAPACITY + 10_000;
        for (int sent = 0; sent < total; sent += 3000) {
            byte[] chunk = new byte[Math.min(3000, total - sent)];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) ((sent + i) % 251);
            }
            connection.chunks.add(chunk);
        }
        while (link.statistics().snapshot().bytesReceived() < total) {
            Thread.sleep(1);
        }
        assertTrue(link.statistics().errors(ErrorKind.OTHER) > 0, "dropping is counted");

        int expected = total - StreamLink.BUFFER_CAPACITY;
        byte[] buffer = new byte[777]; // odd reads cross the ring's end
        for (int n; (n = link.read(buffer, 0, buffer.length, 0)) > 0; ) {
            for (int i = 0; i < n; i++) {
                assertEquals((byte) (expected++ % 251), buffer[i], "byte " + expected);
            }
        }
        assertEquals(total, expected);
        link.close();
    }
}
