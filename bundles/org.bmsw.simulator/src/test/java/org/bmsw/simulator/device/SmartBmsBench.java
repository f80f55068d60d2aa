package org.bmsw.simulator.device;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;

/**
 * Benchmark (not a test): one full 24-cell Smart BMS snapshot at 9600 baud over a pty paced at the
 * baud rate, against the theoretical wire time, and against mbpoll reading the same register block
 * from the same simulated device in the same run. Run with scripts/bench-smartbms.sh.
 */
public final class SmartBmsBench {

    private static final int BAUD = 9600;
    private static final int BITS = 10;
    private static final Duration LATENCY = Duration.ofMillis(5);

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (SocatPair socat = new SocatPair(Files.createTempDirectory("bmsw-bench-")).start()) {
            Path host = socat.a;
            Path device = socat.b;
            RegisterProfile map;
            try (InputStream in = SmartBmsBench.class.getResourceAsStream("/org/bmsw/profile/smartbms/smartbms-v4.profile.json")) {
                map = new RegisterProfileLoader().load("smartbms-v4.profile.json", in);
            }
            BatterySimulator battery = new BatterySimulator(PackConfig.smartBms(24).seed(1).build());
            SimulatedLine line = new SimulatedLine(new RtuServer(new ModbusRtuSlave(1,
                    new SimulatedRegisterDevice(map, null, battery, 1, "35-7-3"))), BAUD, BITS, LATENCY, FaultPlan.NONE);
            Thread serving = new Thread(() -> {
                try (var in = new FileInputStream(device.toFile()); var out = new FileOutputStream(device.toFile())) {
                    line.serve(in, out);
                } catch (Exception e) {
                    // socat ended
                }
            });
            serving.setDaemon(true);
            serving.start();

            var block = map.blocks().get(0);
            int requestBytes = 8;
            int replyBytes = 5 + 2 * block.count();
            double charMs = BITS * 1000.0 / BAUD;
            double wireMs = (requestBytes + replyBytes) * charMs + 2 * 3.5 * charMs + LATENCY.toNanos() / 1e6;

            ByteLink link = new SerialTransport().openByteLink(LinkSettings.of("serial", host.toString(), BAUD));
            DeviceSession session = new RegisterDeviceProfile(map).connect(link, 1);
            List<Double> ours = new ArrayList<>();
            for (int i = 0; i < rounds + 3; i++) {
                long start = System.nanoTime();
                session.readTelemetry();
                if (i >= 3) {
                    ours.add((System.nanoTime() - start) / 1e6);
                }
            }
            session.close();
            link.close();

            List<Double> mbpoll = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Process p = new ProcessBuilder("mbpoll", "-m", "rtu", "-b", Integer.toString(BAUD), "-P", "none", "-a", "1",
                        "-t", "3", "-r", Integer.toString(block.register() + 1), "-c", Integer.toString(block.count()),
                        "-1", host.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("mbpoll failed with exit code " + p.exitValue());
                }
                mbpoll.add((System.nanoTime() - start) / 1e6);
            }

            // mbpoll's own steady state: continuous polling with the shortest poll interval, polls timed from its
            // line-buffered output (a pipe would buffer it in blocks)
            Process continuous = new ProcessBuilder("stdbuf", "-oL", "mbpoll", "-m", "rtu", "-b", Integer.toString(BAUD), "-P", "none", "-a",
                    "1", "-t", "3", "-r", Integer.toString(block.register() + 1), "-c", Integer.toString(block.count()),
                    "-l", "11", host.toString()).redirectErrorStream(true).start();
            long pollingStarted = System.nanoTime();
            int polls = 0;
            long firstPoll = 0;
            long lastPoll = 0;
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(continuous.getInputStream()))) {
                String text;
                while ((text = out.readLine()) != null && System.nanoTime() - pollingStarted < 6_000_000_000L) {
                    if (text.startsWith("-- Polling slave")) {
                        lastPoll = System.nanoTime();
                        if (polls++ == 0) {
                            firstPoll = lastPoll;
                        }
                    }
                }
            } finally {
                continuous.destroy();
                continuous.waitFor(5, TimeUnit.SECONDS);
            }
            double mbpollSteady = polls > 1 ? (lastPoll - firstPoll) / 1e6 / (polls - 1) : Double.NaN;

            double ourMedian = median(ours);
            double mbpollMedian = median(mbpoll);
            System.out.printf("Smart BMS snapshot: %d registers (24 cells, 8 probes, flags) at %d baud 8N1, device latency %d ms%n",
                    block.count(), BAUD, LATENCY.toMillis());
            System.out.printf("theoretical wire time %.1f ms (%d + %d bytes, two 3.5-character gaps, latency)%n",
                    wireMs, requestBytes, replyBytes);
            System.out.printf("BMS Workbench: median %.1f ms, min %.1f, max %.1f over %d reads -> wire efficiency %.1f %%%n",
                    ourMedian, Collections.min(ours), Collections.max(ours), ours.size(), 100 * wireMs / ourMedian);
            System.out.printf("mbpoll (libmodbus), same block, same device, process start included: median %.1f ms, min %.1f -> "
                    + "efficiency %.1f %%%n", mbpollMedian, Collections.min(mbpoll), 100 * wireMs / mbpollMedian);
            System.out.printf("mbpoll continuous polling (-l 11), same block: %.1f ms per poll over %d polls -> efficiency %.1f %%%n",
                    mbpollSteady, polls, 100 * wireMs / mbpollSteady);
            System.out.printf("BMS Workbench is %s than mbpoll's continuous polling (%.1f ms vs %.1f ms)%n",
                    ourMedian <= mbpollSteady ? "no slower" : "SLOWER", ourMedian, mbpollSteady);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
