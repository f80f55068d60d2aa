package org.bmsw.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Locale;

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

/** The Smart BMS feature boots, and its data-only bundle becomes a live profile with no Java of its own. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProfileSmartBmsFeatureIT extends FeatureSetIT {

    @Inject
    private ProfileRegistry profiles;

    @Configuration
    public Option[] config() {
        return Distribution.options(Distribution.newPluginsDir(), "profile-smartbms");
    }

    @Test
    public void theSmartBmsProfileIsLiveAndGoesWithItsBundle() throws Exception {
        waitFor(() -> profiles.profile("smartbms.v4").isPresent());
        DeviceProfile profile = profiles.profile("smartbms.v4").orElseThrow();
        assertEquals("智能BMS V4.0", profile.displayName().text(Locale.SIMPLIFIED_CHINESE));
        assertEquals(9600, profile.defaultBaud());
        var bundle = FeatureSetAssertions.bundle(context, "org.bmsw.profile.smartbms");
        bundle.stop();
        assertTrue("profile gone with its data bundle", profiles.profile("smartbms.v4").isEmpty());
        bundle.start();
        waitFor(() -> profiles.profile("smartbms.v4").isPresent());
        assertTrue("profile back when the bundle starts", profiles.profile("smartbms.v4").isPresent());
    }

    /** Profiles are parsed off the start path: they appear shortly after their bundle starts. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the Smart BMS profile did not appear within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
