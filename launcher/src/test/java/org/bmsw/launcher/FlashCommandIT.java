package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bmsw.launcher.Distribution.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmsw flash} through the real binary: packages made and inspected with its own keys, refusals before any
 * erase (no --yes, wrong model, untrusted signature), a flash of the built-in simulator's Smart BMS that ends with the
 * new version running, and a device found waiting in its bootloader on a pty (as after an interrupted update).
 */
class FlashCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path signed;
    private static Path otherModel;
    private static Path publicKey;

    private static ProcessBuilder builder(String... args) {
        return Distribution.builder(dir, Map.of(), args);
    }

    private static Result bmsw(String... args) throws Exception {
        return Distribution.run(builder(args), Duration.ofSeconds(120));
    }

    /** A 16 KiB application image declaring its version the way the simulator reads it. */
    @BeforeAll
    static void makePackages() throws Exception {
        byte[] image = new byte[16 * 1024];
        new Random(7).nextBytes(image);
        byte[] marker = "BMSW-APP-VERSION=35-8-0\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, image, 256, marker.length);
        Path app = Files.write(dir.resolve("app.bin"), image);
        assertEquals(0, bmsw("flash", "keygen", "--out", dir.resolve("vendor").toString()).code());
        publicKey = dir.resolve("vendor.pub.pem");
        assertTrue(Files.exists(publicKey), "keygen writes the public key beside the private one");
        signed = dir.resolve("app.fp");
        Result pack = bmsw("flash", "pack", app.toString(), "--base-address", "0x08004000", "--model", "SMARTBMS-V4",
                "--hardware-revision", "V4.0", "--firmware-version", "35-8-0", "--sign",
                dir.resolve("vendor.pem").toString(), "-o", signed.toString());
        assertEquals(0, pack.code(), pack.err());
        otherModel = dir.resolve("jdi.fp");
        assertEquals(0, bmsw("flash", "pack", app.toString(), "--base-address", "0x08004000", "--model", "BI5132",
                "--hardware-revision", "V4.0", "--firmware-version", "35-8-0", "-o", otherModel.toString()).code());
    }

    @Test
    void packagesAreInspectedWithTheirSignature() throws Exception {
        Result trusted = bmsw("flash", "inspect", signed.toString(), "--trusted-key", publicKey.toString());
        assertEquals(0, trusted.code(), trusted.err());
        assertTrue(trusted.out().contains("trusted key"), trusted.out());
        Result untrusted = bmsw("flash", "inspect", signed.toString());
        assertEquals(3, untrusted.code(), untrusted.out() + untrusted.err());
        assertTrue((untrusted.out() + untrusted.err()).contains("NOT VERIFIED"), untrusted.out() + untrusted.err());
    }

    @Test
    void refusalsComeBeforeAnyEraseAndAFlashRunsTheNewVersion() throws Exception {
        String[] device = {"--port", "sim:smartbms.v4", "--baud", "115200"};
        Result dryRun = bmsw(concat(new String[] {"flash", signed.toString(), "--trusted-key", publicKey.toString(),
                "--dry-run"}, device));
        assertEquals(0, dryRun.code(), dryRun.err());
        Result noYes = bmsw(concat(new String[] {"flash", signed.toString(), "--trusted-key", publicKey.toString()},
                device));
        assertEquals(3, noYes.code(), noYes.err());
        assertTrue(noYes.err().contains("--yes"), noYes.err());
        Result wrongModel = bmsw(concat(new String[] {"flash", otherModel.toString(), "--yes"}, device));
        assertEquals(3, wrongModel.code(), wrongModel.err());
        assertTrue((wrongModel.out() + wrongModel.err()).contains("BI5132"), wrongModel.out() + wrongModel.err());

        Result flashed = bmsw(concat(new String[] {"flash", signed.toString(), "--trusted-key", publicKey.toString(),
                "--yes", "--json"}, device));
        assertEquals(0, flashed.code(), flashed.err());
        List<String> lines = flashed.out().lines().toList();
        JsonNode done = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("done", done.get("event").asText());
        assertEquals("flashed", done.get("result").asText());
        assertEquals("35-8-0", done.get("deviceFirmwareVersion").asText(), "the device runs the new image");
    }

    @Test
    void aDeviceWaitingInItsBootloaderIsFoundAndFlashed() throws Exception {
        String port = dir.resolve("bms").toString();
        Process simulator = builder("simulate", "--pty", port, "--baud", "115200", "--in-bootloader")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("simulating"), line);
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "simulator output");
            drain.setDaemon(true);
            drain.start();
            assertEquals(1, bmsw("read", "--port", port, "--baud", "115200").code(), "no application answers");
            Result anonymous = bmsw("flash", signed.toString(), "--port", port, "--baud", "115200", "--trusted-key",
                    publicKey.toString(), "--yes");
            assertEquals(2, anonymous.code(), "a bootloader names no device: " + anonymous.err());
            assertTrue(anonymous.err().contains("--profile"), anonymous.err());
            Result flashed = bmsw("flash", signed.toString(), "--port", port, "--baud", "115200", "--profile",
                    "smartbms.v4", "--trusted-key", publicKey.toString(), "--yes");
            assertEquals(0, flashed.code(), flashed.out() + flashed.err());
            assertTrue(flashed.err().contains("bootloader answers XCP CONNECT"), flashed.err());
            assertTrue(flashed.out().contains("verified by CRC_32"), flashed.out());
            Result read = bmsw("read", "--port", port, "--baud", "115200", "--json");
            assertEquals(0, read.code(), read.err());
            assertEquals("35-8-0", JSON.readTree(read.out()).at("/device/firmware").asText());
        } finally {
            simulator.destroy();
            simulator.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
