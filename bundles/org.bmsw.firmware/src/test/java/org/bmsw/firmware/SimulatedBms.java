package org.bmsw.firmware;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.protocol.modbus.ExceptionCode;
import org.bmsw.protocol.modbus.FrameLength;
import org.bmsw.protocol.modbus.ModbusException;
import org.bmsw.protocol.modbus.ModbusRefusal;
import org.bmsw.protocol.modbus.ModbusRtuMaster;
import org.bmsw.protocol.modbus.ModbusRtuSlave;
import org.bmsw.protocol.modbus.RegisterBank;
import org.bmsw.protocol.modbus.RtuServer;
import org.bmsw.protocol.xcp.XcpCommand;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.protocol.xcp.target.Bootloader;
import org.bmsw.protocol.xcp.target.FlashMap;
import org.bmsw.protocol.xcp.target.XcpModbusFunction;
import org.bmsw.protocol.xcp.target.XcpSlave;
import org.bmsw.protocol.xcp.target.XcpSlaveConfig;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.transport.serial.internal.SocatPair;

/**
 * A BMS on the far end of a real socat pty pair: its application answers Modbus registers (writing
 * {@value #ENTER_BOOTLOADER_VALUE} to register {@value #ENTER_BOOTLOADER_REGISTER} restarts it into its bootloader),
 * its bootloader answers XCP in function 109 (the XCP helper's emulated A/B bootloader with a flash that can lose
 * power). Counts the XCP commands it receives and can lose power before any one of them. With a baud rate it paces
 * its replies like a real line (a pty is instant).
 */
final class SimulatedBms implements AutoCloseable {

    static final int UNIT = 1;
    static final int ENTER_BOOTLOADER_REGISTER = 0xF0;
    static final int ENTER_BOOTLOADER_VALUE = 0xB007;
    static final long FLASH_START = 0x0800_4000L;

    final FlashMap map;
    final Bootloader bootloader;
    final XcpSlave slave;
    private final SocatPair socat;
    private final XcpModbusFunction xcp;
    private final Map<Integer, AtomicInteger> commands = new ConcurrentHashMap<>();
    private final AtomicLong packets = new AtomicLong();
    private volatile long cutBeforePacket = -1;
    private final LinkSettings settings;
    private final long characterNanos;
    private Thread serving;

    SimulatedBms(Path dir, FlashMap map, int baud) throws IOException, InterruptedException {
        this.map = map;
        this.bootloader = new Bootloader(map);
        this.slave = new XcpSlave(XcpSlaveConfig.modbus(), bootloader, null);
        this.xcp = new XcpModbusFunction(slave);
        this.socat = new SocatPair(dir, "bms");
        LinkSettings base = LinkSettings.of("serial", socat.a.toString(), baud == 0 ? 115_200 : baud);
        this.settings = base.withFraming(8, LinkSettings.Parity.EVEN, LinkSettings.StopBits.ONE); // OpenBLT's 8E1
        this.characterNanos = baud == 0 ? 0 : settings.characterTimeNanos();
        start();
    }

    /** 16 sectors of 1 KiB from 0x08004000. */
    static FlashMap smallMap() {
        return FlashMap.uniform(FLASH_START, 1024, 16);
    }

    private void start() throws IOException, InterruptedException {
        socat.start();
        ModbusRtuSlave modbus = new ModbusRtuSlave(UNIT, new Application());
        modbus.withUserFunction(XcpTransports.MODBUS_FUNCTION, FrameLength.byteCountAt(1), (unit, pdu) -> {
            long n = packets.incrementAndGet();
            if (n == cutBeforePacket) {
                slave.powerCut();
            }
            if (pdu.length > 2) {
                commands.computeIfAbsent(pdu[2] & 0xFF, c -> new AtomicInteger()).incrementAndGet();
            }
            return xcp.handle(unit, pdu);
        });
        RtuServer server = new RtuServer(modbus);
        serving = new Thread(() -> serve(server), "simulated BMS on " + socat.b);
        serving.setDaemon(true);
        serving.start();
    }

    /** The program's link, on the near end. */
    ByteLink openLink() throws Exception {
        return new SerialTransport().openByteLink(settings);
    }

    /** How many of this XCP command arrived so far. */
    int count(XcpCommand command) {
        AtomicInteger n = commands.get(command.code());
        return n == null ? 0 : n.get();
    }

    long packets() {
        return packets.get();
    }

    /** The device loses power just before handling the {@code n}-th XCP packet from now (1 = the next). */
    void cutPowerBeforePacket(long n) {
        cutBeforePacket = packets.get() + n;
    }

    void powerOn() {
        cutBeforePacket = -1;
        slave.powerOn();
    }

    /** A cable pull: both ptys go away until {@link #plugIn()}. */
    void unplug() throws InterruptedException {
        socat.stop();
        serving.interrupt();
    }

    void plugIn() throws IOException, InterruptedException {
        start();
    }

    /** The application's view of the device, as a profile would offer it; entering the bootloader goes over the wire. */
    FirmwareUpdateSupport application(ByteLink link, boolean requiresSignedImages) {
        ModbusRtuMaster modbus = ModbusRtuMaster.on(link);
        List<FirmwareUpdateSupport.FlashRegion> regions = map.sectors().stream()
                .map(s -> new FirmwareUpdateSupport.FlashRegion(s.address(), s.size())).toList();
        return new FirmwareUpdateSupport() {
            @Override
            public String model() {
                return "BI5132";
            }

            @Override
            public String hardwareRevision() {
                return "B";
            }

            @Override
            public List<FlashRegion> flashMap() {
                return regions;
            }

            @Override
            public boolean requiresSignedImages() {
                return requiresSignedImages;
            }

            @Override
            public void enterBootloader() throws DeviceException {
                try {
                    modbus.writeSingleRegister(UNIT, ENTER_BOOTLOADER_REGISTER, ENTER_BOOTLOADER_VALUE);
                } catch (ModbusException e) {
                    throw new DeviceException(e.reason(), "entering the bootloader failed: " + e.getMessage(), e);
                }
            }
        };
    }

    TargetDevice target(String firmwareVersion, boolean requiresSignedImages) {
        return new TargetDevice("BI5132", "B", map.sectors().stream()
                .map(s -> new FirmwareUpdateSupport.FlashRegion(s.address(), s.size())).toList(), requiresSignedImages,
                firmwareVersion);
    }

    /** Factory programming of {@code image}, then a restart into it. */
    void install(FirmwareImage image) {
        Map<Long, byte[]> segments = new java.util.LinkedHashMap<>();
        image.segments().forEach(s -> segments.put(s.address(), s.data()));
        bootloader.install(segments);
    }

    /** True if the running image holds exactly {@code image}'s bytes. */
    boolean runs(FirmwareImage image) {
        if (bootloader.activeImage().isEmpty()) {
            return false;
        }
        return image.segments().stream().allMatch(s -> java.util.Arrays.equals(s.data(),
                bootloader.readActive(s.address(), s.length())));
    }

    private void serve(RtuServer server) {
        try (InputStream in = new FileInputStream(socat.b.toFile()); OutputStream out = new FileOutputStream(socat.b.toFile())) {
            byte[] buf = new byte[1024];
            long wireFreeAt = 0;
            while (!Thread.currentThread().isInterrupted()) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                // a request has crossed the wire only when all its characters would have
                wireFreeAt = Math.max(wireFreeAt, System.nanoTime()) + n * characterNanos;
                List<byte[]> replies = server.accept(buf, 0, n);
                if (replies.isEmpty()) {
                    continue;
                }
                pauseUntil(wireFreeAt + characterNanos * 7 / 2);
                for (byte[] reply : replies) {
                    long start = System.nanoTime();
                    for (int i = 0; i < reply.length; i++) {
                        if (characterNanos > 0) {
                            pauseUntil(start + (i + 1) * characterNanos);
                        }
                        out.write(reply[i]);
                        if (characterNanos > 0) {
                            out.flush();
                        }
                    }
                    out.flush();
                }
                wireFreeAt = System.nanoTime();
            }
        } catch (IOException e) {
            // socat ended: the cable is pulled
        }
    }

    private static void pauseUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 150_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        serving.interrupt();
        socat.stop();
    }

    /** The application's registers; the bootloader has none. */
    private final class Application implements RegisterBank {
        @Override
        public int[] readHoldingRegisters(int address, int count) throws ModbusRefusal {
            running();
            return new int[count];
        }

        @Override
        public int[] readInputRegisters(int address, int count) throws ModbusRefusal {
            running();
            return new int[count];
        }

        @Override
        public void writeRegisters(int address, int[] values) throws ModbusRefusal {
            running();
            if (address == ENTER_BOOTLOADER_REGISTER && values.length == 1 && values[0] == ENTER_BOOTLOADER_VALUE) {
                bootloader.requestBootloader();
                slave.powerOn(); // the restart: a fresh XCP session, the bootloader decides what runs
                return;
            }
            throw new ModbusRefusal(ExceptionCode.ILLEGAL_DATA_ADDRESS, "no such register " + address);
        }

        private void running() throws ModbusRefusal {
            if (bootloader.mode() != Bootloader.Mode.APPLICATION) {
                throw new ModbusRefusal(ExceptionCode.ILLEGAL_FUNCTION, "the bootloader has no registers");
            }
        }
    }
}
