package org.bmsw.transport.socketcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketCanTransportTest {

    private static final String NO_LIBRARY = "JavaCAN's native library could not be loaded on Linux riscv64";

    @TempDir
    Path sys;

    @BeforeEach
    void sysfs() throws Exception {
        new FakeSysfs(sys)
                .usb("can0", "0x40c1", "gs_usb", "1d50", "606f", "003A00404D53")
                .usb("can1", "0x0", "gs_usb", "1d50", "606f", "003A00404D53")
                .virtual("vcan0", 280, "0xc1")
                .virtual("vcan1", 280, "0x80")
                .virtual("eth0", 1, "0x1003");
    }

    private static LinkSettings settings(String path) {
        return LinkSettings.of("socketcan", path, 250_000);
    }

    @Test
    void carriesOnlyCan() {
        SocketCanTransport transport = new SocketCanTransport(sys, new FakeBackend(null));
        assertEquals("socketcan", transport.id());
        assertEquals(Set.of(LinkKind.CAN), transport.kinds());
        assertThrows(UnsupportedOperationException.class, () -> transport.openByteLink(settings("can0")));
    }

    @Test
    void listsTheCanInterfacesOfSysfs() {
        List<PortInfo> ports = new SocketCanTransport(sys, new FakeBackend(null)).listPorts();
        assertEquals(List.of("can0", "can1", "vcan0", "vcan1"), ports.stream().map(PortInfo::path).toList());
        PortInfo can0 = ports.get(0);
        assertEquals("socketcan", can0.transport());
        assertEquals("CAN interface can0 (gs_usb, up)", can0.description());
        assertEquals("1d50:606f", can0.usbId().orElseThrow());
        assertEquals("003A00404D53", can0.serialNumber());
        assertEquals("CAN interface vcan1 (virtual or line discipline, down)", ports.get(3).description());
    }

    @Test
    void listsInterfacesWithTheReasonTheyCannotBeUsed() {
        List<PortInfo> ports = new SocketCanTransport(sys, new FakeBackend(JavaCanBackend.NO_AF_CAN)).listPorts();
        assertEquals(4, ports.size());
        assertEquals("CAN interface vcan0 (virtual or line discipline, up) - unusable: " + JavaCanBackend.NO_AF_CAN,
                ports.get(2).description());
    }

    @Test
    void aFailingCheckStillListsTheInterfaces() {
        SocketCanBackend broken = new FakeBackend(null) {
            @Override
            public String problem() {
                throw new IllegalStateException("boom");
            }
        };
        List<PortInfo> ports = new SocketCanTransport(sys, broken).listPorts();
        assertEquals(4, ports.size());
        assertTrue(ports.get(0).description().contains("boom"), ports.get(0).description());
    }

    @Test
    void aMissingInterfaceIsNotFoundAndNamed() {
        LinkException e = assertThrows(LinkException.class,
                () -> new SocketCanTransport(sys, new FakeBackend(null)).openCanLink(settings("can7")));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().startsWith("There is no network interface can7 (CAN interfaces present: can0, can1,"
                + " vcan0, vcan1)"), e.getMessage());
        assertTrue(e.getMessage().contains("'sudo ip link set can7 up type can bitrate 250000'"), e.getMessage());
    }

    @Test
    void aMissingVirtualInterfaceSaysHowToMakeOne() {
        LinkException e = assertThrows(LinkException.class,
                () -> new SocketCanTransport(sys, new FakeBackend(null)).openCanLink(settings("vcan5")));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("'sudo ip link add dev vcan5 type vcan && sudo ip link set vcan5 up'"),
                e.getMessage());
    }

    @Test
    void aMissingInterfaceOnAMachineWithoutSocketCanSaysBoth() throws Exception {
        Path empty = sys.resolve("empty");
        new FakeSysfs(empty);
        LinkException e = assertThrows(LinkException.class,
                () -> new SocketCanTransport(empty, new FakeBackend(JavaCanBackend.NO_AF_CAN)).openCanLink(settings("can0")));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertEquals("There is no network interface can0 (no CAN interfaces are present). Besides, "
                + JavaCanBackend.NO_AF_CAN, e.getMessage());
    }

    @Test
    void anInterfaceOfAnotherTypeIsRefused() {
        LinkException e = assertThrows(LinkException.class,
                () -> new SocketCanTransport(sys, new FakeBackend(null)).openCanLink(settings("eth0")));
        assertEquals(Reason.INVALID_SETTINGS, e.reason());
        assertTrue(e.getMessage().startsWith("Network interface eth0 is not a CAN interface (its type is 1, CAN is 280)"),
                e.getMessage());
    }

    @Test
    void anInterfaceThatIsDownSaysHowToBringItUpWithItsBitRate() {
        SocketCanTransport transport = new SocketCanTransport(sys, new FakeBackend(null));
        LinkException can = assertThrows(LinkException.class, () -> transport.openCanLink(settings("can1")));
        assertEquals(Reason.IO, can.reason());
        assertTrue(can.getMessage().startsWith("SocketCAN interface can1 is down; bring it up with"
                + " 'sudo ip link set can1 up type can bitrate 250000' (the bit rate belongs to the interface"),
                can.getMessage());
        LinkException vcan = assertThrows(LinkException.class, () -> transport.openCanLink(settings("vcan1")));
        assertEquals("SocketCAN interface vcan1 is down; bring it up with 'sudo ip link set vcan1 up'", vcan.getMessage());
    }

    @Test
    void aPathThatIsNoInterfaceNameIsRefused() {
        SocketCanTransport transport = new SocketCanTransport(sys, new FakeBackend(null));
        for (String bad : new String[] {"../../etc/passwd", "/dev/can0", "can0:1", ""}) {
            LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings(bad)), bad);
            assertEquals(Reason.INVALID_SETTINGS, e.reason(), bad);
        }
    }

    @Test
    void withoutSysfsTheBackendDecides() throws Exception {
        FakeBackend backend = new FakeBackend(null);
        SocketCanTransport transport = new SocketCanTransport(sys.resolve("no-sysfs"), backend);
        assertEquals(List.of(), transport.listPorts());
        transport.openCanLink(settings("can0")).close();
        assertEquals(1, backend.sockets.size());
    }

    // --- JavaCAN's native library missing: the provider stays and says why ---

    @Test
    void aNativeLibraryThatCannotLoadIsReportedNotThrown() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        JavaCanBackend backend = new JavaCanBackend(() -> {
            attempts.incrementAndGet();
            throw new UnsatisfiedLinkError("no javacan-core in java.library.path");
        });
        SocketCanTransport transport = new SocketCanTransport(sys, backend);

        String problem = transport.problem();
        assertTrue(problem.startsWith("JavaCAN's native library could not be loaded on Linux "), problem);
        assertTrue(problem.contains("(this bundle carries it for x86_64, aarch64 and armv7)"), problem);
        assertTrue(problem.contains("no javacan-core in java.library.path"), problem);

        List<PortInfo> ports = transport.listPorts();
        assertEquals(4, ports.size());
        assertTrue(ports.get(0).description().endsWith(" - unusable: " + problem), ports.get(0).description());

        LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings("vcan0")));
        assertEquals(Reason.IO, e.reason());
        assertEquals("Cannot open SocketCAN interface vcan0: " + problem, e.getMessage());
        assertEquals(1, attempts.get(), "the library is tried once, not on every call");
    }

    @Test
    void aLoaderFailingWithItsOwnLinkageErrorIsReportedWithItsCause() {
        JavaCanBackend backend = new JavaCanBackend(() -> {
            throw new LinkageError("Unable to load native library javacan-core!",
                    new LinkageError("Failed to load the native library javacan-core: /native/libjavacan-core.so not found."));
        });
        String problem = backend.problem();
        assertTrue(problem.contains("Unable to load native library javacan-core!: Failed to load the native library"
                + " javacan-core: /native/libjavacan-core.so not found."), problem);
    }

    // --- the real JavaCAN on this machine ---

    /** True where JavaCAN's library loads and the kernel refuses AF_CAN, asked of JavaCAN directly. */
    static boolean kernelRefusesAfCan() {
        if (new JavaCanBackend().nativeProblem() != null) {
            return false;
        }
        try {
            tel.schich.javacan.CanChannels.newRawChannel().close();
            return false;
        } catch (tel.schich.javacan.platform.linux.LinuxNativeOperationException e) {
            return e.getErrorNumber() == JavaCanBackend.EAFNOSUPPORT;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void theNativeLibraryLoadsOnThisMachine() {
        String problem = new JavaCanBackend().nativeProblem();
        String arch = System.getProperty("os.arch");
        assumeTrue(System.getProperty("os.name").equals("Linux")
                        && (arch.equals("amd64") || arch.equals("aarch64") || arch.equals("arm")),
                "JavaCAN has no library in this bundle for " + System.getProperty("os.name") + " " + arch);
        assertNull(problem);
    }

    @Test
    void aKernelWithoutAfCanGetsItsOwnMessage() throws Exception {
        assumeTrue(kernelRefusesAfCan(),
                "this machine's kernel has AF_CAN (or JavaCAN cannot load here), so the no-AF_CAN path cannot happen");
        SocketCanTransport transport = new SocketCanTransport(sys, new JavaCanBackend());

        LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings("vcan0")));
        assertEquals(Reason.IO, e.reason());
        assertTrue(e.getMessage().startsWith("Cannot open SocketCAN interface vcan0: this kernel has no SocketCAN"
                + " (AF_CAN) (socket(PF_CAN, SOCK_RAW, CAN_RAW) failed: Address family not supported by protocol,"
                + " errno 97)"), e.getMessage());

        String problem = transport.problem();
        assertTrue(problem.startsWith("this kernel has no SocketCAN (AF_CAN)"), problem);
        assertTrue(transport.listPorts().get(0).description().contains("unusable: this kernel has no SocketCAN (AF_CAN)"));
    }

    @Test
    void aMissingInterfaceOnTheRealSystemIsNotFound() throws Exception {
        SocketCanTransport transport = new SocketCanTransport();
        String name = "bmswnone0";
        LinkException e = assertThrows(LinkException.class, () -> transport.openCanLink(settings(name)));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().startsWith("There is no network interface " + name), e.getMessage());
        if (kernelRefusesAfCan()) {
            assertTrue(e.getMessage().contains("Besides, this kernel has no SocketCAN (AF_CAN)"), e.getMessage());
        }
    }

    @Test
    void anInterfaceThatVanishesBeforeBindingIsNotFoundByTheKernel() throws Exception {
        // sysfs (fake) says vcan0 exists, the kernel does not know it: JavaCAN's lookup fails with ENODEV
        assumeTrue(new JavaCanBackend().problem() == null, "needs a kernel with AF_CAN; here: "
                + new JavaCanBackend().problem());
        Path fake = sys.resolve("other");
        new FakeSysfs(fake).virtual("bmswnone0", 280, "0xc1");
        LinkException e = assertThrows(LinkException.class,
                () -> new SocketCanTransport(fake, new JavaCanBackend()).openCanLink(settings("bmswnone0")));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().startsWith("There is no network interface bmswnone0"), e.getMessage());
    }

    @Test
    void theRealProviderListsWithoutThrowing() {
        SocketCanTransport transport = new SocketCanTransport();
        List<PortInfo> ports = transport.listPorts();
        for (PortInfo port : ports) {
            assertEquals("socketcan", port.transport());
        }
        assertFalse(ports.stream().anyMatch(p -> p.path().equals("lo")));
    }
}
