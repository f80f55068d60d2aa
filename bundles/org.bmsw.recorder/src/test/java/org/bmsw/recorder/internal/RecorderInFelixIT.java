package org.bmsw.recorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.framework.Felix;
import org.bmsw.recorder.Recording;
import org.bmsw.recorder.RecordingRequest;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.simulator.battery.PackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The built bundle in a real Felix with SCR and ConfigAdmin, next to the sqlite-jdbc bundle as it comes from
 * Maven Central: it resolves, its native library loads from inside the bundle, the component finds the data
 * directory from the framework property and follows its configuration. The service's classes belong to the
 * bundles, so this test talks to it by reflection.
 */
class RecorderInFelixIT {

    @TempDir
    Path work;

    @Test
    void recorderRunsInFelixWithSqliteJdbcAsABundle() throws Exception {
        Path json = exportSomethingOutsideOsgi();
        Path data = work.resolve("data");
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, work.resolve("cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        String slf4j = org.slf4j.LoggerFactory.class.getPackage().getImplementationVersion();
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=" + (slf4j == null ? "2.0.0" : slf4j));
        props.put("bmsw.data.dir", data.toString());
        Felix felix = new Felix(props);
        felix.start();
        try {
            BundleContext ctx = felix.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String location : List.of(jar(org.osgi.util.function.Function.class), jar(org.osgi.util.promise.Promise.class),
                    jar(org.osgi.service.component.ComponentContext.class), jar("org.apache.felix.scr.impl.Activator"),
                    jar("org.apache.felix.cm.impl.ConfigurationManager"), jar(com.fasterxml.jackson.core.JsonFactory.class),
                    jar(org.sqlite.SQLiteConfig.class), jar(org.bmsw.transport.api.Link.class),
                    jar(org.bmsw.device.api.Telemetry.class), jar(org.bmsw.core.LiveTelemetry.class),
                    // bmsw record: the CLI and what it runs on
                    jar(com.fasterxml.jackson.annotation.JsonProperty.class), jar(com.fasterxml.jackson.databind.ObjectMapper.class),
                    jar(org.bmsw.schema.ParameterSchema.class), jar(picocli.CommandLine.class), jar(org.bmsw.cli.CliCommand.class),
                    Path.of(System.getProperty("recorder.bundle")).toUri().toString())) {
                bundles.add(ctx.installBundle(location));
            }
            for (Bundle b : bundles) {
                b.start();
            }
            Bundle recorderBundle = bundles.get(bundles.size() - 1);
            Bundle sqlite = bundles.get(6);
            assertEquals("org.xerial.sqlite-jdbc", sqlite.getSymbolicName());
            assertEquals(Bundle.ACTIVE, sqlite.getState());
            assertEquals(Bundle.ACTIVE, recorderBundle.getState());

            Class<?> recorderType = recorderBundle.loadClass("org.bmsw.recorder.Recorder");
            Object recorder = await(ctx, recorderType.getName());
            assertEquals(data.resolve("records"), call(recorder, recorderType, "directory"), "the data directory from bmsw.data.dir");

            // import: SQLite files are written and read through the natives loaded inside the bundle
            Object imported = call(recorder, recorderType, "importFile", json);
            assertEquals(600L, accessor(imported, "samples"));
            String importedId = (String) accessor(imported, "id");
            Object recording = call(recorder, recorderType, "open", importedId);
            Class<?> recordingType = recorderBundle.loadClass("org.bmsw.recorder.Recording");
            List<?> cycles = (List<?>) call(recording, recordingType, "cycles", "smartbms@/dev/ttyUSB0#1");
            assertTrue(cycles.size() >= 2, cycles.toString());
            Class<?> metric = recorderBundle.loadClass("org.bmsw.recorder.Metric");
            Object series = recordingType.getMethod("series", String.class, metric, Instant.class, Instant.class, int.class)
                    .invoke(recording, "smartbms@/dev/ttyUSB0#1", enumValue(metric, "VOLTAGE"), null, null, 10);
            assertEquals(600L, java.util.Arrays.stream((long[]) accessor(series, "count")).sum());
            recordingType.getMethod("close").invoke(recording);

            // configuration through ConfigAdmin reaches the running component without restarting it
            Bundle cm = bundles.get(4);
            Class<?> configAdminType = cm.loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Object configAdmin = await(ctx, configAdminType.getName());
            Object config = configAdminType.getMethod("getConfiguration", String.class, String.class).invoke(configAdmin, "org.bmsw.recorder", null);
            Hashtable<String, Object> values = new Hashtable<>();
            values.put("intervalMillis", 5000L);
            config.getClass().getMethod("update", java.util.Dictionary.class).invoke(config, values);
            Class<?> requestType = recorderBundle.loadClass("org.bmsw.recorder.RecordingRequest");
            Object request = requestType.getMethod("everything", String.class).invoke(null, "in felix");
            Object started = null;
            for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
                recorder = await(ctx, recorderType.getName());
                started = recorderType.getMethod("start", requestType).invoke(recorder, request);
                if (Duration.ofSeconds(5).equals(accessor(started, "interval"))) {
                    break;
                }
                call(recorder, recorderType, "stop", accessor(started, "id"));
                started = null;
            }
            assertNotNull(started, "the configured interval of 5 s reached the component");
            assertEquals("RECORDING", accessor(started, "state").toString());
            Object stopped = call(recorder, recorderType, "stop", accessor(started, "id"));
            assertEquals("FINISHED", accessor(stopped, "state").toString());
            List<?> all = (List<?>) call(recorder, recorderType, "list");
            assertTrue(all.size() >= 2, all.toString());

            // the record command reaches the CLI, and the replay transport and profile are services
            Object runner = await(ctx, "org.bmsw.cli.internal.CliRunner");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            Object code = runner.getClass().getMethod("run", List.class, java.io.PrintStream.class, java.io.PrintStream.class)
                    .invoke(runner, List.of("record", "list", "--csv"), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains(importedId + ",") && out.toString().contains("finished"), out.toString());
            ServiceReference<?>[] replay = ctx.getAllServiceReferences("org.bmsw.transport.api.TransportProvider", "(bmsw.transport.id=replay)");
            assertNotNull(replay, "the replay transport");
            assertNotNull(ctx.getAllServiceReferences("org.bmsw.device.api.DeviceProfile", "(bmsw.profile.id=replay)"), "the replay profile");
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }

    /** A 10-minute recording of the simulator made with the plain classes, exported as JSON. */
    private Path exportSomethingOutsideOsgi() throws Exception {
        DrivenLiveTelemetry live = new DrivenLiveTelemetry();
        RecorderImpl recorder = new RecorderImpl(live, Defaults.settings(), work.resolve("outside/records"));
        try {
            SimulatedDevice device = new SimulatedDevice(new BatterySimulator(PackConfig.smartBms(24).seed(4).build()), "/dev/ttyUSB0", 1,
                    Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
            device.simulator().runScenario("discharge 30A for 5m; rest 5m");
            String id = recorder.start(new RecordingRequest("outside", Duration.ZERO, Set.of(), null)).id();
            for (int s = 0; s < 600; s++) {
                live.publish(device, device.step(Duration.ofSeconds(1)));
            }
            recorder.stop(id);
            Path json = work.resolve("outside.json");
            try (Recording r = recorder.open(id); OutputStream out = Files.newOutputStream(json)) {
                r.exportJson(out, false);
            }
            return json;
        } finally {
            recorder.deactivate();
        }
    }

    private static String jar(Class<?> type) throws Exception {
        return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
    }

    private static String jar(String className) throws Exception {
        return jar(Class.forName(className));
    }

    /** The service, held (not released) for the rest of the test. */
    private static Object await(BundleContext ctx, String service) throws Exception {
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            // all references: the framework's own context has no wiring to the service's package
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(service, null);
            Object found = refs == null ? null : ctx.getService(refs[0]);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError(service + " was not registered within 10 s");
    }

    private static Object call(Object target, Class<?> type, String name, Object... args) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }

    private static Object accessor(Object record, String name) throws Exception {
        return record.getClass().getMethod(name).invoke(record);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

}
