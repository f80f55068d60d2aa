package org.bmsw.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.bmsw.cli.internal.CliHarness;
import org.bmsw.core.internal.CoreServices;
import org.bmsw.firmware.FpPackageBuilder;
import org.bmsw.firmware.PayloadFormat;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.firmware.internal.FlashCommand;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.device.SimulatedFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * {@code bmsw flash --port sim:smartbms.v4}: the in-process simulator transport's device has the bootloader too, so
 * the program flashes its own simulated Smart BMS without socat, and reads the new version afterwards. In the
 * simulator's package for the transport's bind method.
 */
class FlashOverSimTransportTest {

    private static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    private static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";

    @TempDir
    Path dir;

    @Test
    void theSimTransportsSmartBmsIsFlashedAndReportsItsNewVersion() throws Exception {
        RegisterDeviceProfile profile;
        try (var in = getClass().getResourceAsStream(MAP)) {
            profile = new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP, in),
                    ParameterSchemas.load(getClass().getResource(PARAMETERS)));
        }
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> null);
        SimTransport sim = new SimTransport(context);
        sim.addProfile(profile);
        try (CoreServices core = new CoreServices(sim, profile)) {
            CliHarness cli = new CliHarness(core.connections, core.transports, core.profiles,
                    Files.createDirectories(dir.resolve("data")),
                    new FlashCommand(new FirmwareValidatorImpl(dir.resolve("keys")), core.live));
            Path fp = dir.resolve("app.fp");
            Files.write(fp, new FpPackageBuilder().model("SMARTBMS-V4").hardwareRevision("V4.0").firmwareVersion("35-9-1")
                    .payload(PayloadFormat.BINARY, SimulatedFirmware.image("35-9-1", 12_000), OptionalLong.of(0x0800_4000L))
                    .build("app.fp").toBytes());

            CliHarness.Result r = cli.run("flash", fp.toString(), "--port", "sim:smartbms.v4", "--baud", "115200", "--yes");

            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("the device now runs firmware 35-9-1"), r::toString);
        } finally {
            sim.deactivate();
        }
    }
}
