package org.bmsw.launcher.it;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** The 'transport-serial' feature set boots on its own: every bundle active, every component satisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportSerialFeatureIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Distribution.options(Distribution.newPluginsDir(), "transport-serial");
    }

    @Test
    public void everyBundleIsActive() {
        FeatureSetAssertions.everyBundleActive(context, Distribution.expectedBundles());
    }

    @Test
    public void everyComponentIsSatisfied() throws InterruptedException {
        FeatureSetAssertions.everyComponentSatisfied(context);
    }
}
