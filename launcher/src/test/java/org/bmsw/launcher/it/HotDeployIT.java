package org.bmsw.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import javax.inject.Inject;

import org.bmsw.core.ProfileRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A plugin jar copied into plugins/ of a running core becomes a live DeviceProfile within about a
 * second (FileInstall); deleting it removes the profile again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {

    private static final String FIXTURE_PROFILE = "fixture.loopback";

    @Inject
    private BundleContext context;

    @Inject
    private ProfileRegistry profiles;

    @Configuration
    public Option[] config() {
        Path plugins = Distribution.newPluginsDir();
        System.setProperty("bmsw.it.plugins", plugins.toString());
        return Distribution.options(plugins, "core");
    }

    @Test
    public void aDroppedPluginAppearsAndADeletedOneDisappears() throws Exception {
        Path plugins = Path.of(System.getProperty("bmsw.it.plugins"));
        Path jar = plugins.resolve("loopback-profile.jar");
        assertTrue("profile absent before the drop", profiles.profile(FIXTURE_PROFILE).isEmpty());

        long dropped = System.nanoTime();
        Files.copy(Distribution.FIXTURES.resolve("org.bmsw.fixture.plugin.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
        long appearedMs = waitFor(() -> profiles.profile(FIXTURE_PROFILE).isPresent(), dropped);
        System.out.println("hot deploy: profile live " + appearedMs + " ms after the jar was dropped");
        assertTrue("profile live within 2 s, took " + appearedMs + " ms", appearedMs <= 2_000);
        assertEquals(1, context.getServiceReferences(DeviceProfile.class,
                "(" + DeviceProfile.PROPERTY_ID + "=" + FIXTURE_PROFILE + ")").size());

        long deleted = System.nanoTime();
        Files.delete(jar);
        long goneMs = waitFor(() -> profiles.profile(FIXTURE_PROFILE).isEmpty(), deleted);
        System.out.println("hot deploy: profile gone " + goneMs + " ms after the jar was deleted");
        assertTrue("profile gone within 2 s, took " + goneMs + " ms", goneMs <= 2_000);
        waitFor(() -> List.of(context.getBundles()).stream()
                .noneMatch(b -> "org.bmsw.fixture.plugin".equals(b.getSymbolicName())), deleted);
    }

    private static long waitFor(java.util.function.BooleanSupplier condition, long since) throws InterruptedException {
        long deadline = since + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - since) / 1_000_000;
    }
}
