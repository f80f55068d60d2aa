package org.bmsw.transport.socketcan.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network interfaces the kernel lists under {@code <sysfs>/class/net}, read as plain files so that listing
 * needs neither JavaCAN's native library nor AF_CAN, and so that tests can hand in a fake tree.
 */
final class CanInterfaces {

    /** {@code ARPHRD_CAN} from linux/if_arp.h: the {@code type} of every SocketCAN interface. */
    static final int ARPHRD_CAN = 280;
    /** {@code IFF_UP} from linux/if.h, in the {@code flags} file. */
    static final int IFF_UP = 0x1;

    /**
     * What Linux accepts as an interface name (net/core/dev.c dev_valid_name: 1..15 characters, no '/', ':' or
     * white space, not "." or ".."), so a name can never walk out of the sysfs directory.
     */
    private static final Pattern NAME = Pattern.compile("[^/:\\s]{1,15}");

    private static final Logger LOG = LoggerFactory.getLogger(CanInterfaces.class);

    /**
     * One interface.
     *
     * @param type   ARPHRD type, -1 when unreadable
     * @param up     administratively up ({@code ip link set NAME up}); empty when unknown
     * @param driver kernel driver of the underlying device (gs_usb, peak_usb, mcp251x ...), empty for virtual ones
     * @param usbVendorId -1 when not on USB
     */
    record Interface(String name, int type, Optional<Boolean> up, String driver, int usbVendorId, int usbProductId,
                     String serialNumber) {

        boolean isCan() {
            return type == ARPHRD_CAN;
        }

        /** "CAN interface can0 (gs_usb, up)", "CAN interface vcan0 (virtual, down)". */
        String describe() {
            String kind = driver.isEmpty() ? "virtual or line discipline" : driver;
            String state = up.map(u -> u ? "up" : "down").orElse("state unknown");
            return "CAN interface " + name + " (" + kind + ", " + state + ")";
        }
    }

    private final Path net;

    /** @param sysfsRoot normally {@code /sys} */
    CanInterfaces(Path sysfsRoot) {
        this.net = sysfsRoot.resolve("class").resolve("net");
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** False when there is no sysfs to ask (not Linux, or /sys not mounted in a container). */
    boolean available() {
        return Files.isDirectory(net);
    }

    /** The CAN interfaces, sorted by name. Never throws: unreadable entries are skipped and logged. */
    List<Interface> list() {
        List<Interface> found = new ArrayList<>();
        if (!available()) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(net)) {
            for (Path entry : entries) {
                try {
                    Interface candidate = read(entry.getFileName().toString());
                    if (candidate != null && candidate.isCan()) {
                        found.add(candidate);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("Skipping network interface {}: {}", entry, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot list network interfaces in {}: {}", net, e.toString());
        }
        found.sort(Comparator.comparing(Interface::name));
        return found;
    }

    /** The interface called {@code name}, whatever its type; null when there is none. */
    Interface find(String name) {
        return isValidName(name) ? read(name) : null;
    }

    private Interface read(String name) {
        Path dir = net.resolve(name);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        int type = readInt(dir.resolve("type")).orElse(-1);
        Optional<Boolean> up = readInt(dir.resolve("flags")).map(flags -> (flags & IFF_UP) != 0);
        String driver = "";
        int vendor = -1;
        int product = -1;
        String serial = "";
        Path device = dir.resolve("device");
        if (Files.exists(device)) {
            driver = realName(device.resolve("driver"));
            // A USB adapter's interface directory sits one or two levels below the USB device that has the ids.
            try {
                Path at = device.toRealPath();
                for (int level = 0; level < 3 && at != null; level++, at = at.getParent()) {
                    Optional<Integer> vid = readHex(at.resolve("idVendor"));
                    Optional<Integer> pid = readHex(at.resolve("idProduct"));
                    if (vid.isPresent() && pid.isPresent()) {
                        vendor = vid.get();
                        product = pid.get();
                        serial = readString(at.resolve("serial")).orElse("");
                        break;
                    }
                }
            } catch (IOException e) {
                LOG.debug("Cannot follow {}: {}", device, e.toString());
            }
        }
        return new Interface(name, type, up, driver, vendor, product, serial);
    }

    private static String realName(Path link) {
        try {
            Path target = link.toRealPath().getFileName();
            return target == null ? "" : target.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> readString(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** sysfs numbers: decimal ({@code type}) or 0x-prefixed hex ({@code flags}). */
    private static Optional<Integer> readInt(Path file) {
        return readString(file).flatMap(text -> {
            try {
                return Optional.of(text.startsWith("0x") || text.startsWith("0X")
                        ? Integer.parseUnsignedInt(text.substring(2), 16) : Integer.parseInt(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** USB ids: hex without prefix. */
    private static Optional<Integer> readHex(Path file) {
        return readString(file).flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text, 16));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
