package org.bmsw.transport.serial.internal;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;

import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;
import org.bmsw.transport.api.LinkSettings;
import org.bmsw.transport.spi.StreamLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/** One opening of a serial port through jSerialComm. */
final class SerialConnection implements StreamLink.Connection {

    private static final Logger LOG = LoggerFactory.getLogger(SerialConnection.class);

    // errno values jSerialComm reports from open(2), flock(2) and ioctl(2) on Linux
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int ENXIO = 6;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int ENODEV = 19;
    private static final int ENOTTY = 25;

    static final String DIALOUT_HINT = "add the user to the dialout group: sudo usermod -aG dialout $USER, then log in again";

    private final SerialPort port;
    private final String path;

    private SerialConnection(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /**
     * Opens {@code settings.path()}: a listed port, or any path jSerialComm does not list (ptys, symlinks
     * such as socat's). Stale input from before the opening is dropped.
     */
    static SerialConnection open(LinkSettings settings, boolean rs485Rts, Consumer<StreamLink.Connection> vanished)
            throws LinkException {
        String path = settings.path();
        SerialPort port;
        try {
            // resolves symlinks now, so a reconnect follows a link that points to a new device
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new LinkException(Reason.NOT_FOUND, "Serial port " + path
                    + " does not exist. Is the adapter plugged in, and is the path right?", e);
        }
        File device = new File(port.getSystemPortPath());
        if (!device.canRead() || !device.canWrite()) {
            throw new LinkException(Reason.PERMISSION_DENIED, "No permission to open serial port " + path
                    + (path.equals(device.getPath()) ? "" : " (" + device + ")") + ": " + DIALOUT_HINT);
        }
        // RS485 mode = the driver drives RTS as the transmit enable. jSerialComm silently ignores drivers
        // without TIOCSRS485 (ptys, many USB adapters); those adapters switch direction by themselves.
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings.stopBits()),
                parity(settings.parity()), rs485Rts);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        // a read blocks until at least one byte is there; the link's reader thread does the deadlines
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 0);
        if (!port.openPort(0)) {
            throw openFailure(path, device, port.getLastErrorCode());
        }
        port.flushIOBuffers();
        SerialConnection connection = new SerialConnection(port, path);
        port.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                // jSerialComm repeats this event until the port is closed; the first call closes it
                vanished.accept(connection);
            }
        });
        LOG.debug("Opened serial port {} ({}) as {}", path, device, settings.describe());
        return connection;
    }

    static LinkException openFailure(String path, File device, int errno) {
        if (!device.exists()) {
            return new LinkException(Reason.NOT_FOUND, "Serial port " + path + " vanished while it was being opened");
        }
        return switch (errno) {
            case EACCES, EPERM -> new LinkException(Reason.PERMISSION_DENIED,
                    "No permission to open serial port " + path + ": " + DIALOUT_HINT);
            case EBUSY, EAGAIN -> new LinkException(Reason.BUSY, "Serial port " + path
                    + " is in use by another program (a vendor tool, a terminal, ModemManager?). Close it and try again.");
            case ENOENT, ENXIO, ENODEV -> new LinkException(Reason.NOT_FOUND,
                    "Serial port " + path + " has no device behind it (errno " + errno + "). Replug the adapter.");
            case ENOTTY -> new LinkException(Reason.NOT_FOUND, path + " is not a serial port");
            default -> new LinkException(Reason.IO, "Could not open serial port " + path + " (errno " + errno + ")");
        };
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            int errno = port.getLastErrorCode();
            throw new IOException(errno == EIO || errno == ENXIO || errno == ENODEV
                    ? "the port vanished (adapter unplugged, or the other end of the pty closed)"
                    : "reading failed (errno " + errno + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        int n = port.writeBytes(data, length, offset);
        if (n != length) {
            throw new IOException("wrote " + Math.max(n, 0) + " of " + length + " bytes to " + path + " (errno "
                    + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public void close() {
        if (!port.closePort()) {
            LOG.debug("Closing serial port {} reported an error (errno {})", path, port.getLastErrorCode());
        }
    }

    private static int stopBits(LinkSettings.StopBits stopBits) {
        return switch (stopBits) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(LinkSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }
}
