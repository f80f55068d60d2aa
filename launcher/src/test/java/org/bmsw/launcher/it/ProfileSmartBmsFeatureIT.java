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
        DeviceProfile profile = profiles.profile("smartbms.v4").orElseThrow();
        assertEquals("智能BMS V4.0", profile.displayName().text(Locale.SIMPLIFIED_CHINESE));
        assertEquals(9600, profile.defaultBaud());
        var bundle = FeatureSetAssertions.bundle(context, "org.bmsw.profile.smartbms");
        bundle.stop();
        assertTrue("profile gone with its data bundle", profiles.profile("smartbms.v4").isEmpty());
        bundle.start();
        assertTrue("profile back when the bundle starts", profiles.profile("smartbms.v4").isPresent());
    }
}
