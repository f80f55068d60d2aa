package org.bmsw.transport.socketcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.bmsw.transport.socketcan.internal.CanInterfaces.Interface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanInterfacesTest {

    @TempDir
    Path dir;

    private CanInterfaces sample() throws Exception {
        new FakeSysfs(dir)
                .usb("can0", "0x40c1", "gs_usb", "1d50", "606f", "003A00404D53")
                .virtual("vcan0", 280, "0xc1")
                .virtual("vcan1", 280, "0x80")
                .virtual("eth0", 1, "0x1003")
                .virtual("lo", 772, "0x9")
                .raw("notype", "flags", "0x1")
                .raw("garbage", "type", "two hundred eighty\n", "flags", "zz");
        return new CanInterfaces(dir);
    }

    @Test
    void listsOnlyInterfacesOfTypeArphrdCan() throws Exception {
        List<Interface> found = sample().list();
        assertEquals(List.of("can0", "vcan0", "vcan1"), found.stream().map(Interface::name).toList());
    }

    @Test
    void readsStateDriverAndUsbIds() throws Exception {
        List<Interface> found = sample().list();
        Interface can0 = found.get(0);
        assertEquals(Optional.of(true), can0.up());
        assertEquals("gs_usb", can0.driver());
        assertEquals(0x1d50, can0.usbVendorId());
        assertEquals(0x606f, can0.usbProductId());
        assertEquals("003A00404D53", can0.serialNumber());
        assertEquals("CAN interface can0 (gs_usb, up)", can0.describe());

        Interface vcan0 = found.get(1);
        assertEquals(Optional.of(true), vcan0.up());
        assertEquals("", vcan0.driver());
        assertEquals(-1, vcan0.usbVendorId());
        assertEquals("CAN interface vcan0 (virtual or line discipline, up)", vcan0.describe());

        assertEquals(Optional.of(false), found.get(2).up());
        assertEquals("CAN interface vcan1 (virtual or line discipline, down)", found.get(2).describe());
    }

    @Test
    void findsAnyInterfaceByNameWithItsType() throws Exception {
        CanInterfaces interfaces = sample();
        assertEquals(1, interfaces.find("eth0").type());
        assertFalse(interfaces.find("eth0").isCan());
        assertEquals(-1, interfaces.find("notype").type());
        assertEquals(-1, interfaces.find("garbage").type());
        assertEquals(Optional.empty(), interfaces.find("garbage").up());
        assertNull(interfaces.find("can7"));
    }

    @Test
    void namesThatWouldWalkOutOfSysfsAreNoInterfaces() throws Exception {
        CanInterfaces interfaces = sample();
        for (String bad : new String[] {"..", ".", "../../etc", "a/b", "can0:1", "with space", "", "sixteen_chars_xx"}) {
            assertFalse(CanInterfaces.isValidName(bad), bad);
            assertNull(interfaces.find(bad), bad);
        }
        assertTrue(CanInterfaces.isValidName("fifteen_chars_x"));
        assertTrue(CanInterfaces.isValidName("can-fd.1@x"));
    }

    @Test
    void noSysfsMeansNothingListedAndNoError() {
        CanInterfaces missing = new CanInterfaces(dir.resolve("nothing-here"));
        assertFalse(missing.available());
        assertEquals(List.of(), missing.list());
        assertNull(missing.find("can0"));
    }

    @Test
    void emptyNetDirectoryListsNothing() throws Exception {
        new FakeSysfs(dir);
        assertEquals(List.of(), new CanInterfaces(dir).list());
    }

    @Test
    void theRealSysfsCanBeListed() {
        // whatever this machine has; must not throw, and everything listed must be CAN
        for (Interface found : new CanInterfaces(Path.of("/sys")).list()) {
            assertTrue(found.isCan(), found.toString());
        }
    }
}
