package org.bmsw.transport.socketcan.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /sys tree with just what {@link CanInterfaces} reads, laid out as the kernel does. */
final class FakeSysfs {

    final Path root;
    private final Path net;
    private int usbPorts;

    FakeSysfs(Path root) throws IOException {
        this.root = root;
        this.net = Files.createDirectories(root.resolve("class/net"));
        // real sysfs has a plain file here too
        Files.writeString(net.resolve("bonding_masters"), "\n");
    }

    /** A virtual interface (vcan, slcand's slcan0): no device link. */
    FakeSysfs virtual(String name, int type, String flags) throws IOException {
        Path dir = Files.createDirectories(root.resolve("devices/virtual/net").resolve(name));
        Files.writeString(dir.resolve("type"), type + "\n");
        Files.writeString(dir.resolve("flags"), flags + "\n");
        Files.createSymbolicLink(net.resolve(name), dir);
        return this;
    }

    /** A CAN interface of a USB adapter: net/NAME/device is the USB interface, whose parent has the ids. */
    FakeSysfs usb(String name, String flags, String driver, String vendor, String product, String serial)
            throws IOException {
        String port = "1-" + (++usbPorts);
        Path usbDevice = Files.createDirectories(root.resolve("devices/pci0000:00/0000:00:14.0/usb1").resolve(port));
        Files.writeString(usbDevice.resolve("idVendor"), vendor + "\n");
        Files.writeString(usbDevice.resolve("idProduct"), product + "\n");
        Files.writeString(usbDevice.resolve("serial"), serial + "\n");
        Path usbInterface = Files.createDirectories(usbDevice.resolve(port + ":1.0"));
        Path drivers = Files.createDirectories(root.resolve("bus/usb/drivers").resolve(driver));
        Files.createSymbolicLink(usbInterface.resolve("driver"), drivers);
        Path dir = Files.createDirectories(usbInterface.resolve("net").resolve(name));
        Files.writeString(dir.resolve("type"), CanInterfaces.ARPHRD_CAN + "\n");
        Files.writeString(dir.resolve("flags"), flags + "\n");
        Files.createSymbolicLink(dir.resolve("device"), usbInterface);
        Files.createSymbolicLink(net.resolve(name), dir);
        return this;
    }

    /** An interface directory with whatever files are given (name, content pairs). */
    FakeSysfs raw(String name, String... files) throws IOException {
        Path dir = Files.createDirectories(net.resolve(name));
        for (int i = 0; i + 1 < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return this;
    }
}
