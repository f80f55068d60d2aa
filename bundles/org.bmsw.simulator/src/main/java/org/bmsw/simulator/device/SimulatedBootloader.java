package org.bmsw.simulator.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bmsw.device.api.FirmwareUpdateSupport.FlashRegion;
import org.bmsw.profile.modbus.RegisterProfile;
import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.FrameLength;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RegisterBank;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.FlashSector;
import org.bmsw.protocol.xcp.target.PowerLostException;
import org.bmsw.protocol.xcp.target.XcpModbusFunction;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootloader of a simulated register device, as the profile's {@code firmware} section describes it: writing
 * the section's value to its register restarts the application into the bootloader, which then answers XCP inside
 * Modbus function 109 at the same address (OpenBLT's commands, A/B flash banks over the section's flash map), and
 * answers no register request (ILLEGAL FUNCTION), so a waiting bootloader is told from a running application: XCP
 * CONNECT answers, the profile's register probe does not. The running image stays intact until a new one is
 * programmed, checked and committed; PROGRAM_RESET then starts the new application, which reports the version its
 * image declares ({@link SimulatedFirmware}).
 *
 * <p>Power can be cut once at a planned step ({@link PowerCutPlan}); it comes back after {@link #powerOffFor}, and
 * the bootloader decides what runs, as after any power cut. Thread-safe: every line of a bus calls in.
 */
public final class SimulatedBootloader {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBootloader.class);
    private static final int LARGEST_SECTOR = 16 * 1024;
    private static final int SMALLEST_SECTOR = 256;
    private static final long MAX_SIMULATED_FLASH = 64L << 20;
    private static final int FACTORY_IMAGE_BYTES = 16 * 1024;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Brings power back after a cut; one daemon thread for every simulated device. */
    private static final ScheduledExecutorService POWER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bmsw-sim power");
        t.setDaemon(true);
        return t;
    });

    private final RegisterProfile.Firmware firmware;
    private final FlashMap map;
    private final Bootloader bootloader;
    private final XcpSlave slave;
    private final XcpModbusFunction xcp;
    private final List<Consumer<String>> applicationStarts = new CopyOnWriteArrayList<>();
    private volatile String runningVersion;
    private volatile Duration powerOff = Duration.ofMillis(500);
    /** Guarded by {@code this}: the planned cut, what it counted so far, and what ran after the last event. */
    private PowerCutPlan plan;
    private long counted;
    private Bootloader.Mode lastMode;
    private boolean powerOnPending;
    private long xcpPackets;

    /**
     * A device whose application runs a factory image declaring {@code factoryVersion}.
     *
     * @throws IllegalArgumentException when the flash map cannot be simulated or the version cannot be declared
     */
    public SimulatedBootloader(RegisterProfile.Firmware firmware, String factoryVersion) {
        this.firmware = Objects.requireNonNull(firmware, "firmware");
        this.map = flashMap(firmware.flashMap());
        this.bootloader = new Bootloader(map);
        this.slave = new XcpSlave(XcpSlaveConfig.modbus(), bootloader, null);
        this.xcp = new XcpModbusFunction(slave);
        FlashSector first = map.sectors().get(0);
        int size = (int) Math.min(FACTORY_IMAGE_BYTES, map.regions().get(0).size());
        bootloader.install(Map.of(first.address(), SimulatedFirmware.image(factoryVersion, size)));
        this.runningVersion = reportable(factoryVersion);
        this.lastMode = bootloader.mode();
    }

    /**
     * The profile's flash map as sectors: each region cut into the largest power-of-two sectors (16 KiB down to
     * 256 bytes) its start and size allow.
     */
    static FlashMap flashMap(List<FlashRegion> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("the profile's firmware section has no flash map");
        }
        long total = regions.stream().mapToLong(FlashRegion::size).sum();
        if (total > MAX_SIMULATED_FLASH) {
            throw new IllegalArgumentException("a flash map of " + total + " bytes is more than the simulator holds ("
                    + (MAX_SIMULATED_FLASH >> 20) + " MiB)");
        }
        List<FlashSector> sectors = new ArrayList<>();
        for (FlashRegion region : regions) {
            int sector = LARGEST_SECTOR;
            while (sector > SMALLEST_SECTOR && (region.start() % sector != 0 || region.size() % sector != 0)) {
                sector /= 2;
            }
            if (region.size() % sector != 0) {
                throw new IllegalArgumentException(String.format("flash region 0x%08X + %d bytes is not a whole number"
                        + " of %d-byte sectors", region.start(), region.size(), SMALLEST_SECTOR));
            }
            for (long at = region.start(); at < region.start() + region.size(); at += sector) {
                sectors.add(new FlashSector(at, sector));
            }
        }
        return new FlashMap(sectors);
    }

    public Bootloader bootloader() {
        return bootloader;
    }

    public XcpSlave slave() {
        return slave;
    }

    public FlashMap map() {
        return map;
    }

    public Bootloader.Mode mode() {
        return bootloader.mode();
    }

    /** The version the running application reports ("35-7-3"), also while the bootloader waits. */
    public String runningVersion() {
        return runningVersion;
    }

    /** XCP packets the bootloader has received (cut ones included). */
    public synchronized long xcpPackets() {
        return xcpPackets;
    }

    /** Called with the application's version whenever an application starts (after a reset or a power-on). */
    public void onApplicationStart(Consumer<String> listener) {
        applicationStarts.add(listener);
    }

    /** Cuts power once as {@code plan} says (counting from now); a plan not yet spent is replaced. */
    public synchronized void planPowerCut(PowerCutPlan newPlan) {
        plan = newPlan;
        counted = 0;
        bootloader.memory().cutPowerAfter(newPlan.kind() == PowerCutPlan.Kind.FLASH_OPERATION ? newPlan.count() - 1 : -1);
        LOG.info("Simulated device will lose power {}", newPlan.describe());
    }

    /** How long the device stays off after a planned cut (default 500 ms). */
    public void powerOffFor(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("power-off time must not be negative: " + duration);
        }
        powerOff = duration;
    }

    /** Power goes now; it comes back after the power-off time. */
    public void powerCut() {
        slave.powerCut();
        afterEvent();
    }

    /** Power comes back now: the bootloader decides what runs. */
    public void powerOn() {
        synchronized (this) {
            powerOnPending = false;
        }
        slave.powerOn();
        afterEvent();
    }

    /** Restarts into the bootloader as the profile's entry write does (for a device found waiting there). */
    public void enterBootloader() {
        try {
            bootloader.requestBootloader();
            slave.powerOn(); // a fresh XCP session: the restart lost the old one
        } catch (PowerLostException e) {
            LOG.info("Simulated device lost power while entering its bootloader: {}", e.getMessage());
            slave.powerCut();
        }
        afterEvent();
    }

    /** Adds Modbus function 109 (XCP) to {@code modbus}: answered while the bootloader runs, refused by the application. */
    public ModbusRtuSlave installOn(ModbusRtuSlave modbus) {
        return modbus.withUserFunction(XcpTransports.MODBUS_FUNCTION, FrameLength.byteCountAt(1), this::function109);
    }

    /**
     * The registers the device answers: {@code application}'s while the application runs, with the profile's entry
     * write taken by the bootloader; none while the bootloader runs or the power is off.
     */
    public RegisterBank registers(Supplier<? extends RegisterBank> application) {
        return new RegisterBank() {
            @Override
            public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
                requireApplication();
                return application.get().readHoldingRegisters(address, count);
            }

            @Override
            public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
                requireApplication();
                return application.get().readInputRegisters(address, count);
            }

            @Override
            public void writeRegisters(int address, int[] values) throws ModbusRefusal {
                requireApplication();
                if (address == firmware.register() && values.length == 1 && values[0] == firmware.value()) {
                    LOG.info("Simulated device restarts into its bootloader (register {} = 0x{})", address,
                            Integer.toHexString(values[0]).toUpperCase());
                    enterBootloader();
                    return;
                }
                application.get().writeRegisters(address, values);
            }
        };
    }

    /**
     * A waiting bootloader has no registers; ILLEGAL FUNCTION is the nearest a Modbus slave can come to the silence
     * of a device that is off, and tells a probe at once that no application answers.
     */
    private void requireApplication() throws ModbusRefusal {
        Bootloader.Mode mode = bootloader.mode();
        if (mode != Bootloader.Mode.APPLICATION) {
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_FUNCTION, mode == Bootloader.Mode.OFF ? "the device is off"
                    : "the bootloader has no registers; it speaks XCP in function 109");
        }
    }

    private byte[] function109(int unit, byte[] pdu) throws ModbusRefusal {
        if (cutBefore(pdu)) {
            afterEvent();
            return null; // the device died before it could answer
        }
        try {
            return xcp.handle(unit, pdu);
        } finally {
            afterEvent();
        }
    }

    /** Counts a packet for the bootloader and cuts the power when the plan says this is the one. */
    private synchronized boolean cutBefore(byte[] pdu) {
        if (bootloader.mode() != Bootloader.Mode.BOOTLOADER || pdu.length < 3) {
            return false;
        }
        xcpPackets++;
        if (plan == null || plan.kind() == PowerCutPlan.Kind.FLASH_OPERATION) {
            return false;
        }
        boolean counts = plan.kind() == PowerCutPlan.Kind.PACKET || (pdu[2] & 0xFF) == plan.command().code();
        if (counts && ++counted == plan.count()) {
            LOG.info("Simulated power cut {} ({})", plan.describe(),
                    XcpCommand.of(pdu[2]).map(XcpCommand::name).orElse("packet"));
            plan = null;
            slave.powerCut();
            return true;
        }
        return false;
    }

    /** After anything that may have changed what runs: brings power back later after a cut, notices a new application. */
    private void afterEvent() {
        Bootloader.Mode mode = bootloader.mode();
        boolean started;
        synchronized (this) {
            if (!slave.powered() && !powerOnPending) {
                powerOnPending = true;
                if (plan != null && plan.kind() == PowerCutPlan.Kind.FLASH_OPERATION && !bootloader.memory().powered()) {
                    LOG.info("Simulated power cut {}", plan.describe());
                    plan = null;
                }
                POWER.schedule(this::powerOnIfPending, powerOff.toNanos(), TimeUnit.NANOSECONDS);
            }
            started = mode == Bootloader.Mode.APPLICATION && lastMode != Bootloader.Mode.APPLICATION;
            lastMode = mode;
        }
        if (started) {
            applicationStarted();
        }
    }

    private void powerOnIfPending() {
        synchronized (this) {
            if (!powerOnPending) {
                return;
            }
        }
        LOG.info("Simulated device: power is back");
        powerOn();
    }

    private void applicationStarted() {
        String declared = declaredVersion().orElse(SimulatedFirmware.UNKNOWN_VERSION);
        runningVersion = reportable(declared);
        LOG.info("Simulated device starts its application, version {}", runningVersion);
        for (Consumer<String> listener : applicationStarts) {
            listener.accept(runningVersion);
        }
    }

    private Optional<String> declaredVersion() {
        try {
            for (FlashRegion region : map.regions()) {
                Optional<String> version = SimulatedFirmware.version(bootloader.readActive(region.start(), (int) region.size()));
                if (version.isPresent()) {
                    return version;
                }
            }
        } catch (IllegalStateException e) {
            LOG.debug("No intact image to read a version from: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /** The register map carries major-minor-patch numbers: "1.4.0" and "V1.4" are reported as 1-4-0 and 1-4. */
    static String reportable(String version) {
        Matcher m = NUMBER.matcher(version);
        List<String> numbers = new ArrayList<>();
        while (m.find() && numbers.size() < 3) {
            String digits = m.group().replaceFirst("^0+(?=\\d)", "");
            numbers.add(digits.length() > 5 ? "65535" : String.valueOf(Math.min(65535, Integer.parseInt(digits))));
        }
        return numbers.isEmpty() ? SimulatedFirmware.UNKNOWN_VERSION : String.join("-", numbers);
    }

    /** "bootloader: enter with register 8192 = 0xB007, flash 0x08004000.. (240 KiB in 15 sectors)". */
    public String describe() {
        return String.format("bootloader: enter with register %d = 0x%04X, then XCP in function 109; flash %s",
                firmware.register(), firmware.value(), String.join(", ", map.regions().stream()
                        .map(r -> String.format("0x%08X + %d KiB", r.start(), r.size() / 1024)).toList()));
    }
}
