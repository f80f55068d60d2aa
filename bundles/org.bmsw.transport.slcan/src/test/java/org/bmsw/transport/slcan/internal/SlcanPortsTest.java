package org.bmsw.transport.slcan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.bmsw.transport.api.ByteLink;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkKind;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.junit.jupiter.api.Test;

class SlcanPortsTest {

    /** A serial transport that sees a CANable, an FTDI RS485 adapter and a built-in port. */
    private static final TransportProvider SERIAL = new TransportProvider() {
        public String id() { return "serial"; }
        public String displayName() { return "serial"; }
        public Set<LinkKind> kinds() { return Set.of(LinkKind.BYTES); }
        public ByteLink openByteLink(LinkSettings settings) { throw new UnsupportedOperationException(); }
        public CanLink openCanLink(LinkSettings settings) { throw new UnsupportedOperationException(); }
        public List<PortInfo> listPorts() {
            return List.of(new PortInfo("serial", "/dev/ttyACM0", "CANable", 0x16d0, 0x117e, "0042"),
                    new PortInfo("serial", "/dev/ttyUSB0", "FT232R USB UART", 0x0403, 0x6001, "A10K"),
                    new PortInfo("serial", "/dev/ttyS0", "Physical Port S0", -1, -1, ""));
        }
    };

    @Test
    void listsOnlyAdaptersKnownToSpeakSlcan() {
        List<PortInfo> ports = new SlcanTransport(SERIAL).listPorts();
        assertEquals(1, ports.size());
        PortInfo canable = ports.get(0);
        assertEquals("slcan", canable.transport());
        assertEquals("/dev/ttyACM0", canable.path());
        assertEquals("CANable (slcan firmware): CANable", canable.description());
        assertEquals("0042", canable.serialNumber());
    }

    @Test
    void carriesOnlyCan() {
        SlcanTransport transport = new SlcanTransport(SERIAL);
        assertEquals(Set.of(LinkKind.CAN), transport.kinds());
        assertThrows(UnsupportedOperationException.class,
                () -> transport.openByteLink(LinkSettings.of("slcan", "/dev/ttyACM0", 500_000)));
    }
}
