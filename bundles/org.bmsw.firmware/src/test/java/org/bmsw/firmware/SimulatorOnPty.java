package org.bmsw.firmware;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.bmsw.cli.internal.CliHarness;
import org.bmsw.core.internal.CoreServices;
import org.bmsw.firmware.internal.FirmwareValidatorImpl;
import org.bmsw.firmware.internal.FlashCommand;
import org.bmsw.profile.modbus.RegisterDeviceProfile;
import org.bmsw.profile.modbus.RegisterProfileLoader;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.simulator.bus.LineTiming;
import org.bmsw.simulator.bus.PtyEndpoint;
import org.bmsw.simulator.bus.VirtualBus;
import org.bmsw.simulator.bus.VirtualDevice;
import org.bmsw.simulator.bus.VirtualDeviceOptions;
import org.bmsw.simulator.device.FaultPlan;
import org.bmsw.simulator.device.SimulatedBootloader;
import org.bmsw.simulator.device.SimulatedFirmware;
import org.bmsw.transport.serial.internal.SerialTransport;

/**
 * What {@code bmsw simulate --pty} runs (a Smart BMS V4.0 of the shipped profile with its bootloader, on a socat pty
 * pair the bus makes), and on the other end the program's command line with {@code bmsw flash}, the real serial
 * transport and the core's services, all in this JVM.
 */
final class SimulatorOnPty implements AutoCloseable {

    static final String MAP = "/org/bmsw/profile/smartbms/smartbms-v4.profile.json";
    static final String PARAMETERS = "/org/bmsw/profile/smartbms/smartbms-v4.parameters.json";
    static final String MODEL = "SMARTBMS-V4";
    static final String HARDWARE = "V4.0";
    static final long FLASH_START = 0x0800_4000L;

    final RegisterDeviceProfile profile;
    final VirtualDevice device;
    final SimulatedBootloader bootloader;
    final Path keys;
    final Path data;
    private final VirtualBus bus;
    private final PtyEndpoint pty;
    final CoreServices core;
    private final CliHarness cli;

    /**
     * @param baud           the line is paced at this rate (0 = as fast as the pty goes)
     * @param requireSigned  the profile's firmware section requires signed images
     */
    SimulatorOnPty(Path dir, int baud, boolean requireSigned) throws Exception {
        profile = smartBms(requireSigned);
        device = new VirtualDevice(profile, 1, VirtualDeviceOptions.defaults());
        bootloader = device.bootloader().orElseThrow();
        bootloader.powerOffFor(Duration.ofMillis(100));
        bus = new VirtualBus(List.of(device), new LineTiming(baud, 10, Duration.ZERO), FaultPlan.NONE, Optional.empty(), 1.0);
        pty = PtyEndpoint.start(bus, dir.resolve("bms"));
        keys = Files.createDirectories(dir.resolve("trusted-keys"));
        data = Files.createDirectories(dir.resolve("data"));
        core = new CoreServices(new SerialTransport(), profile);
        cli = new CliHarness(core.connections, core.transports, core.profiles, data,
                new FlashCommand(new FirmwareValidatorImpl(keys), core.live));
    }

    static RegisterDeviceProfile smartBms(boolean requireSigned) throws Exception {
        String json;
        try (InputStream in = SimulatorOnPty.class.getResourceAsStream(MAP)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (requireSigned) {
            String signed = json.replace("\"signedImages\": false", "\"signedImages\": true");
            if (signed.equals(json)) {
                throw new IllegalStateException(MAP + " no longer says \"signedImages\": false");
            }
            json = signed;
        }
        return new RegisterDeviceProfile(new RegisterProfileLoader().load(MAP,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))),
                ParameterSchemas.load(SimulatorOnPty.class.getResource(PARAMETERS)));
    }

    String port() {
        return pty.address();
    }

    /** {@code bmsw <args>}. */
    CliHarness.Result bmsw(String... args) {
        return cli.run(args);
    }

    /** {@code bmsw flash <file> --port <pty> --baud 115200 <more>} (the host times its requests by the baud rate). */
    CliHarness.Result flash(Path file, String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "flash";
        args[1] = file.toString();
        args[2] = "--port";
        args[3] = port();
        args[4] = "--baud";
        args[5] = "115200";
        System.arraycopy(more, 0, args, 6, more.length);
        return cli.run(args);
    }

    /** An application image declaring {@code version}, as the build of a Smart BMS firmware would be. */
    static byte[] application(String version, int size) {
        return SimulatedFirmware.image(version, size);
    }

    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** An FP package of {@code image} at the flash start for {@code model}, written to {@code dir/name}. */
    static Path pack(Path dir, String name, String model, String version, byte[] image, java.security.PrivateKey key)
            throws Exception {
        FpPackageBuilder builder = new FpPackageBuilder().model(model).hardwareRevision(HARDWARE).firmwareVersion(version)
                .payload(PayloadFormat.BINARY, image, java.util.OptionalLong.of(FLASH_START));
        if (key != null) {
            builder.signWith(key);
        }
        Path file = dir.resolve(name);
        Files.write(file, builder.build(name).toBytes());
        return file;
    }

    /** The flash as it is, to compare before and after a refusal. */
    byte[] flashContents() {
        return bootloader.bootloader().memory().contents();
    }

    long flashOperations() {
        return bootloader.bootloader().memory().operations();
    }

    byte[] running(int length) {
        return bootloader.bootloader().readActive(FLASH_START, length);
    }

    void awaitMode(Bootloader.Mode mode, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (bootloader.mode() != mode && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (bootloader.mode() != mode) {
            throw new AssertionError("the simulated device is " + bootloader.mode() + ", expected " + mode);
        }
    }

    @Override
    public void close() throws Exception {
        core.close();
        pty.close();
        bus.close();
    }
}
