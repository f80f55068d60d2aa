package org.bmsw.transport.slcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bmsw.transport.serial.internal.SocatPair;

/**
 * A CAN bus made of real parts: socat pty pairs, slcan_relay.py acting as one Lawicel adapter per pty,
 * and optionally a second host on the bus: python-can's slcan interface, or just a port for another link.
 */
final class SimulatedBus implements AutoCloseable {

    /** Who else is on the bus. */
    enum Other { NOBODY, PORT, PYTHON_CAN }

    /** Our side: {@code ours.a} is where the link under test opens. */
    final SocatPair ours;
    /** The other host's side, unless {@link Other#NOBODY}. */
    final SocatPair theirs;
    private final Other other;
    private final Path relayLog;
    private final List<Process> processes = new ArrayList<>();
    private final BlockingQueue<String> peerAnswers = new LinkedBlockingQueue<>();
    private Writer peerCommands;

    private SimulatedBus(Path dir, Other other) {
        this.other = other;
        ours = new SocatPair(dir, "ours");
        theirs = other == Other.NOBODY ? null : new SocatPair(dir, "theirs");
        relayLog = dir.resolve("relay.log");
    }

    static SimulatedBus start(Path dir, Other other, String... relayOptions) throws Exception {
        SimulatedBus bus = new SimulatedBus(dir, other);
        try {
            bus.launch(dir, relayOptions);
        } catch (Exception | AssertionError e) {
            bus.close();
            throw e;
        }
        return bus;
    }

    private void launch(Path dir, String... relayOptions) throws Exception {
        ours.start();
        List<String> relay = new ArrayList<>(List.of("/usr/bin/python3", script(dir, "slcan_relay.py").toString(),
                "--log", relayLog.toString(), "--side", "ours=" + ours.b));
        if (theirs != null) {
            theirs.start();
            relay.addAll(List.of("--side", "theirs=" + theirs.b));
        }
        relay.addAll(List.of(relayOptions));
        Files.writeString(relayLog, "");
        processes.add(new ProcessBuilder(relay).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("relay.out").toFile())).start());
        if (other == Other.PYTHON_CAN) {
            Process peer = new ProcessBuilder("/usr/bin/python3", script(dir, "pycan_peer.py").toString(),
                    theirs.a.toString(), "500000").redirectErrorStream(true).start();
            processes.add(peer);
            peerCommands = new OutputStreamWriter(peer.getOutputStream(), StandardCharsets.US_ASCII);
            Thread pump = new Thread(() -> pump(peer.getInputStream()), "python-can peer output");
            pump.setDaemon(true);
            pump.start();
            String ready = peerAnswers.poll(20, TimeUnit.SECONDS);
            assertEquals("ready", ready, "python-can peer did not start (is python3-can installed?)");
        }
    }

    private void pump(InputStream output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.US_ASCII))) {
            for (String line; (line = lines.readLine()) != null; ) {
                peerAnswers.add(line);
            }
        } catch (IOException e) {
            peerAnswers.add("peer output failed: " + e);
        }
    }

    private static Path script(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        if (!Files.exists(target)) {
            try (InputStream in = SimulatedBus.class.getResourceAsStream("/" + name)) {
                Files.copy(in, target);
            }
        }
        return target;
    }

    /** Sends one command to the python-can peer and returns its one-line answer. */
    String peer(String command) throws IOException, InterruptedException {
        peerCommands.write(command + "\n");
        peerCommands.flush();
        String answer = peerAnswers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            fail("python-can peer did not answer '" + command + "'");
        }
        return answer;
    }

    /** Makes python-can read away anything queued for it. */
    void drainPeer() throws IOException, InterruptedException {
        while (!peer("recv 0.1").equals("none")) {
            // drop
        }
    }

    /** The commands the relay got from our side, in order. */
    List<String> ourCommands() throws IOException {
        return Files.readAllLines(relayLog).stream().filter(l -> l.startsWith("ours ")).map(l -> l.substring(5)).toList();
    }

    /** Pulls our adapter out. */
    void unplugOurs() throws InterruptedException {
        ours.stop();
    }

    @Override
    public void close() throws Exception {
        if (peerCommands != null) {
            try {
                peerCommands.write("quit\n");
                peerCommands.flush();
            } catch (IOException e) {
                // already gone
            }
        }
        if (peerCommands != null) {
            processes.get(processes.size() - 1).waitFor(2, TimeUnit.SECONDS); // python-can shuts down with C
        }
        for (Process process : processes) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        ours.stop();
        if (theirs != null) {
            theirs.stop();
        }
    }
}
