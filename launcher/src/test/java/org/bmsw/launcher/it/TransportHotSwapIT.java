package org.bmsw.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.bmsw.core.ConnectRequest;
import org.bmsw.core.ConnectionService;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.transport.api.LinkSettings;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Stopping a transport bundle while a session holds one of its links closes that session with a
 * clear reason; the rest keeps working, and the transport is usable again once restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportHotSwapIT {

    @Inject
    private BundleContext context;
    @Inject
    private ConnectionService connections;
    @Inject
    private TransportRegistry transports;
    @Inject
    private ProfileRegistry profiles;

    @Configuration
    public Option[] config() {
        Path plugins = Distribution.newPluginsDir();
        try {
            // the loopback test profile arrives the way an OEM's would: dropped into plugins/
            Files.copy(Distribution.FIXTURES.resolve("org.bmsw.fixture.plugin.jar"), plugins.resolve("loopback.jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Distribution.options(plugins, "transport-tcp");
    }

    @Test
    public void stoppingTheTransportClosesItsSessionsWithAClearReason() throws Exception {
        waitFor(() -> profiles.profile("fixture.loopback").isPresent());
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> serveEcho(echo));
            DeviceSession session = connect(echo.getLocalPort());
            CompletableFuture<DeviceException> closed = new CompletableFuture<>();
            session.onClose(closed::complete);

            Bundle tcp = FeatureSetAssertions.bundle(context, "org.bmsw.transport.tcp");
            tcp.stop();

            DeviceException reason = closed.get(2, TimeUnit.SECONDS);
            assertEquals(DeviceException.Reason.LINK, reason.reason());
            assertTrue("the reason names the stopped transport: " + reason.getMessage(),
                    reason.getMessage().contains("transport stopped"));
            assertTrue("the session is gone from the connection service", connections.sessions().isEmpty());
            assertTrue("the transport is gone from the registry", transports.provider("tcp").isEmpty());
            assertTrue("profiles are untouched", profiles.profile("fixture.loopback").isPresent());

            tcp.start();
            waitFor(() -> transports.provider("tcp").isPresent());
            DeviceSession again = connect(echo.getLocalPort());
            assertTrue(again.isOpen());
            again.close();
        }
    }

    private DeviceSession connect(int port) throws DeviceException {
        return connections.connect(new ConnectRequest(LinkSettings.of("tcp", "127.0.0.1:" + port, 9600), 7,
                Optional.of("fixture.loopback"), Duration.ofSeconds(1)));
    }

    private static void serveEcho(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                CompletableFuture.runAsync(() -> {
                    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                        in.transferTo(out);
                    } catch (java.io.IOException e) {
                        // the client went away: that is what the test does
                    }
                });
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
