package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.device.api.WriteTarget;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.TcpEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.StreamLink;
import org.junit.jupiter.api.Test;

/**
 * The profile against BMS Workbench's simulator, which serves a ${model} from this bundle's own register map
 * (RTU over TCP on the loopback): the data part and the custom decoding both checked against the simulated battery.
 */
class ExampleProfileTest {

    /** A byte link over a TCP socket, built from the transport SPI. */
    static ByteLink tcp(String hostPort) throws LinkException {
        int colon = hostPort.lastIndexOf(':');
        return new StreamLink(LinkSettings.of("tcp", hostPort, 9600), hostPort, vanished -> {
            try {
                Socket socket = new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                return new StreamLink.Connection() {
                    @Override
                    public int read(byte[] buffer) throws IOException {
                        return in.read(buffer);
                    }

                    @Override
                    public void write(byte[] data, int offset, int length) throws IOException {
                        out.write(data, offset, length);
                        out.flush();
                    }

                    @Override
                    public void close() {
                        try {
                            socket.close();
                        } catch (IOException e) {
                            // closing anyway
                        }
                    }
                };
            } catch (IOException e) {
                throw new LinkException(LinkException.Reason.NOT_FOUND, hostPort + ": " + e.getMessage(), e);
            }
        }, false, false).start();
    }

    @Test
    void readsTheSimulatedDeviceWithTheCustomDecoding() throws Exception {
        ExampleProfile profile = new ExampleProfile();
        VirtualDevice device = new VirtualDevice(profile.registers(), 1,
                new VirtualDeviceOptions(List.of(16), Chemistry.LFP, 7, "1-0-0", 70));
        device.battery().runScenario("discharge 20A until soc<=5%");
        try (VirtualBus bus = new VirtualBus(List.of(device), new LineTiming(0, 10, Duration.ZERO), FaultPlan.NONE,
                Optional.empty(), 1.0);
             TcpEndpoint endpoint = TcpEndpoint.start(bus, "127.0.0.1", 0);
             ByteLink link = tcp(endpoint.address())) {
            assertEquals("${model}", profile.probe(link, 1, Duration.ofSeconds(1)).orElseThrow().model());
            try (DeviceSession session = profile.connect(link, 1)) {
                Thread.sleep(300); // let the scenario's discharge start
                Telemetry t = session.readTelemetry();
                assertEquals(16, t.cells().size());
                assertTrue(t.pack().current() < -10, "discharging: " + t.pack().current());
                double power = t.quantity(CustomDecoding.POWER).orElseThrow().value();
                assertEquals(t.pack().voltage() * t.pack().current(), power, 1e-9);
                double max = t.cells().stream().mapToDouble(c -> c.volts()).max().orElseThrow();
                double min = t.cells().stream().mapToDouble(c -> c.volts()).min().orElseThrow();
                assertEquals((max - min) * 1000, t.quantity(CustomDecoding.CELL_SPREAD).orElseThrow().value(), 1e-9);

                session.parameters().write(Map.of("COVR", 3420.0), WriteTarget.PERSISTENT);
                assertEquals(3420.0, session.parameters().read(List.of("COVR")).get("COVR").value(), 1e-9);
            }
        }
    }
}
