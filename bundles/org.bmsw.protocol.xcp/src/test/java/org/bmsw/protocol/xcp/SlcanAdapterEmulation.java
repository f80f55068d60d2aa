package org.bmsw.protocol.xcp;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.serial.internal.SocatPair;

/**
 * A Lawicel (slcan) adapter on the far end of a real pty pair, with one device on its CAN bus: commands are
 * acknowledged with CR, transmitted frames with "z", and every frame our slcan link sends is handed to the device,
 * whose answer comes back as a received frame line. The link under test opens the near end.
 */
final class SlcanAdapterEmulation implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    final SocatPair socat;
    private final Function<CanFrame, Optional<CanFrame>> device;
    private final Thread serving;

    SlcanAdapterEmulation(Path dir, Function<CanFrame, Optional<CanFrame>> device) throws Exception {
        this.socat = new SocatPair(dir, "slcan").start();
        this.device = device;
        serving = new Thread(this::serve, "slcan adapter emulation");
        serving.setDaemon(true);
        serving.start();
    }

    private void serve() {
        try (InputStream in = new FileInputStream(socat.b.toFile()); OutputStream out = new FileOutputStream(socat.b.toFile())) {
            StringBuilder line = new StringBuilder();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\r') {
                        line.append((char) buf[i]);
                        continue;
                    }
                    String command = line.toString();
                    line.setLength(0);
                    char kind = command.isEmpty() ? ' ' : command.charAt(0);
                    if (kind == 't' || kind == 'T') {
                        out.write(kind == 't' ? "z\r".getBytes(US_ASCII) : "Z\r".getBytes(US_ASCII));
                        Optional<CanFrame> answer = device.apply(parse(command));
                        if (answer.isPresent()) {
                            out.write((format(answer.get()) + "\r").getBytes(US_ASCII));
                        }
                    } else {
                        out.write('\r'); // C, Sn, O: accepted
                    }
                    out.flush();
                }
            }
        } catch (IOException e) {
            // socat ended
        }
    }

    private static CanFrame parse(String line) {
        boolean extended = line.charAt(0) == 'T';
        int idEnd = extended ? 9 : 4;
        int id = Integer.parseInt(line.substring(1, idEnd), 16);
        int length = line.charAt(idEnd) - '0';
        byte[] data = HEX.parseHex(line.substring(idEnd + 1, idEnd + 1 + 2 * length));
        return new CanFrame(id, extended, false, length, data, System.nanoTime());
    }

    private static String format(CanFrame frame) {
        String id = frame.extended() ? String.format("T%08X", frame.id()) : String.format("t%03X", frame.id());
        return id + frame.length() + HEX.formatHex(frame.data());
    }

    @Override
    public void close() throws InterruptedException {
        serving.interrupt();
        socat.stop();
    }
}
