package org.bmsw.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class PortChoiceTest {

    private static final List<String> TRANSPORTS = List.of("serial", "tcp", "sim", "slcan");

    @Test
    void aKnownTransportPrefixNamesTheTransport() {
        assertEquals(new PortChoice("tcp", "10.0.0.7:4001"), PortChoice.parse("tcp:10.0.0.7:4001", TRANSPORTS));
        assertEquals(new PortChoice("sim", "smartbms"), PortChoice.parse(" sim:smartbms ", TRANSPORTS));
        assertEquals(new PortChoice("serial", "/dev/ttyUSB0"), PortChoice.parse("serial:/dev/ttyUSB0", TRANSPORTS));
    }

    @Test
    void aTypedPathWithoutPrefixIsASerialPortOrATcpGateway() {
        assertEquals(new PortChoice("serial", "/dev/ttyUSB0"), PortChoice.parse("/dev/ttyUSB0", TRANSPORTS));
        assertEquals(new PortChoice("serial", "COM4"), PortChoice.parse("COM4", TRANSPORTS));
        assertEquals(new PortChoice("tcp", "gateway.local:502"), PortChoice.parse("gateway.local:502", TRANSPORTS));
        assertEquals(new PortChoice("serial", "gateway.local:502"), PortChoice.parse("gateway.local:502", List.of("serial")),
                "without a TCP transport it can only be a path");
        assertEquals(new PortChoice("serial", "/tmp/x:y"), PortChoice.parse("/tmp/x:y", TRANSPORTS));
    }

    @Test
    void theListsDescriptionIsNotPartOfThePort() {
        assertEquals(new PortChoice("serial", "/dev/ttyUSB0"),
                PortChoice.parse("serial:/dev/ttyUSB0  CH340 USB-RS485 [1a86:7523]", TRANSPORTS));
    }

    @Test
    void nothingTypedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortChoice.parse("  ", TRANSPORTS));
        assertThrows(IllegalArgumentException.class, () -> PortChoice.parse(null, TRANSPORTS));
    }
}
