package org.bmsw.workbench.cantrace.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.profile.jdi.JdiData;
import org.bmsw.profile.modbus.RegisterProfiles;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.Chemistry;
import org.bmsw.simulator.battery.PackConfig;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.can.SimulatedCanDevice;
import org.bmsw.simulator.can.SlcanAdapter;

/**
 * A JDI BI5148 with one BMU broadcasting (and answering XCP) behind a simulated Lawicel USB-CAN adapter on a socat
 * pty, as {@code bmsw simulate --slcan} runs it: the host opens {@link #port()} with the slcan transport. The CAN
 * profile is the one the register profile engine makes from the JDI profile's data.
 */
final class SimulatedJdiOnSlcan implements AutoCloseable {

    final CanDeviceProfile profile;
    final BatterySimulator battery;
    /** Every frame the simulated adapter passed, as the device side sees it: sent = the device sent it onto the bus. */
    final FrameLog adapterFrames = new FrameLog(CanTracePage.CAPACITY);
    private final PtyEndpoint pty;

    SimulatedJdiOnSlcan(Path dir) throws Exception {
        profile = canProfile();
        battery = new BatterySimulator(PackConfig.jdi(48, 16).chemistry(Chemistry.LFP).capacityAh(100).initialSoc(0.7).seed(9)
                .build());
        battery.setCurrentDemand(-20);
        pty = PtyEndpoint.start((in, out) -> {
            SlcanAdapter adapter = new SlcanAdapter(in, out, dir.resolve("can").toString());
            FrameTap.start(adapter, adapterFrames).orElseThrow();
            CountDownLatch closed = new CountDownLatch(1);
            adapter.onClose(reason -> closed.countDown());
            try (SimulatedCanDevice device = new SimulatedCanDevice(profile, battery, adapter, "2-1-0")) {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                adapter.close();
            }
        }, dir.resolve("can"));
    }

    static CanDeviceProfile canProfile() throws Exception {
        try (InputStream in = JdiData.registerProfile().openStream()) {
            RegisterProfiles.Result result = RegisterProfiles.read(JdiData.REGISTER_PROFILE, in.readAllBytes(),
                    name -> Optional.ofNullable(JdiData.beside(name)));
            if (result.can() == null) {
                throw new IllegalStateException("the JDI profile made no CAN profile: " + result.problems());
            }
            return result.can();
        }
    }

    String port() {
        return pty.address();
    }

    @Override
    public void close() {
        pty.close();
    }
}
