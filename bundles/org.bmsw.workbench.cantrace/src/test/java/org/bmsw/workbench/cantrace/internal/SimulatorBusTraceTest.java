package org.bmsw.workbench.cantrace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bmsw.device.api.DeviceSession;
import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.simulator.can.VirtualCanBus;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.LinkSettings;
import org.junit.jupiter.api.Test;

/**
 * What the page traces when the window is connected to the built-in simulator's CAN port ({@code sim:jdi.bi51.can}):
 * the simulator's in-process bus, with the simulated JDI on its device end and the JDI CAN profile on its host end.
 * Both ends are traced; each tells of the other's frames exactly.
 */
class SimulatorBusTraceTest {

    @Test
    void bothEndsOfTheSimulatorsInProcessBusAreTraced() throws Exception {
        CanDeviceProfile profile = SimulatedJdiOnSlcan.canProfile();
        BatterySimulator battery = new BatterySimulator(PackConfig.jdi(48, 16).chemistry(Chemistry.LFP).capacityAh(100)
                .initialSoc(0.7).seed(5).build());
        VirtualCanBus bus = new VirtualCanBus(LinkSettings.of("sim", "jdi.bi51.can", 500_000));
        FrameLog host = new FrameLog(CanTracePage.CAPACITY);
        FrameLog device = new FrameLog(CanTracePage.CAPACITY);
        AutoCloseable hostTap = FrameTap.start(bus.host(), host).orElseThrow();
        FrameTap.start(bus.device(), device).orElseThrow();
        try (SimulatedCanDevice simulated = new SimulatedCanDevice(profile, battery, bus.device(), "2-1-0");
             DeviceSession session = profile.connect(bus.host(), 1)) {
            double cov = session.parameters().read(List.of("COV")).get("COV").value();
            assertTrue(cov > 3000, "COV read over XCP on the bus: " + cov);
            hostTap.close();
            long traced = host.total();
            Thread.sleep(300);
            assertEquals(traced, host.total(), "nothing traced after the handle closed, while the broadcast goes on");
        } finally {
            bus.close();
        }

        List<TracedFrame> hostFrames = host.range(0, host.total());
        List<TracedFrame> deviceFrames = device.range(0, device.total());
        Map<Integer, List<CanFrame>> hostReceived = byId(hostFrames, false);
        Map<Integer, List<CanFrame>> deviceSent = byId(deviceFrames, true);
        assertTrue(hostReceived.keySet().containsAll(List.of(0x18FF01F3, 0x7F1)), hostReceived.keySet().toString());
        hostReceived.forEach((id, frames) -> assertTrue(Collections.indexOfSubList(deviceSent.get(id), frames) >= 0,
                String.format("%X: what the host end heard, the device end sent", id)));
        Map<Integer, List<CanFrame>> hostSent = byId(hostFrames, true);
        assertEquals(List.of(0x7F0), List.copyOf(hostSent.keySet()));
        assertEquals(hostSent.get(0x7F0), byId(deviceFrames, false).get(0x7F0), "every XCP request, heard at the device end");
    }

    private static Map<Integer, List<CanFrame>> byId(List<TracedFrame> frames, boolean sent) {
        return frames.stream().filter(t -> t.sent() == sent).map(TracedFrame::frame)
                .collect(Collectors.groupingBy(CanFrame::id, Collectors.toList()));
    }
}
