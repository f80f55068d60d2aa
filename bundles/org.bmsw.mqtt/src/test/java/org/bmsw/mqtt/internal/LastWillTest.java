package org.bmsw.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker tells everyone the publisher is gone when its program is killed without a chance to say so. */
class LastWillTest {

    private static final String AVAILABILITY = "bmsw/bridge/killed-child/availability";

    @TempDir
    Path dir;

    @Test
    void killedProgramGoesOfflineThroughItsLastWill() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir).start();
             Subscriber subscriber = new Subscriber(broker.url(), "bmsw/#")) {
            Path output = dir.resolve("child.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", testClassPath(), PublishingChild.class.getName(), broker.url(), "killed-child")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                try {
                    // a JVM start on a busy machine can take a while
                    subscriber.awaitCount(r -> r.topic().equals(AVAILABILITY) && r.payload().equals("online"), 1,
                            "the child connects", Duration.ofSeconds(90));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + childLog(output), e);
                }
                subscriber.awaitCount(r -> r.topic().equals("bmsw/smartbms-a1/state"), 3, "the child publishes states");

                Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -9 " + child.pid());
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "ended by SIGKILL: no shutdown hook, no goodbye");

                subscriber.await(AVAILABILITY, "offline");
                List<String> said = subscriber.on(AVAILABILITY).stream().map(Subscriber.Received::payload).toList();
                assertEquals(List.of("online", "offline"), said);
            } finally {
                child.destroyForcibly().waitFor();
            }
            try (Subscriber late = new Subscriber(broker.url(), AVAILABILITY)) {
                assertTrue(late.await(AVAILABILITY, "offline").retained(), "the will is retained: later subscribers see offline");
            }
        }
    }

    /** Surefire runs tests from a manifest-only jar; its real class path is in this property. */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    private static String childLog(Path output) {
        try {
            return "child output: " + Files.readString(output);
        } catch (Exception e) {
            return "no child output: " + e;
        }
    }
}
