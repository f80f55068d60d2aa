package org.bmsw.launcher.it;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * What every feature set must show once booted on its own: every bundle active, every component
 * satisfied. Subclasses name the feature in their Pax Exam configuration.
 */
public abstract class FeatureSetIT {

    @Inject
    protected BundleContext context;

    @Test
    public void everyBundleIsActive() {
        FeatureSetAssertions.everyBundleActive(context, Distribution.expectedBundles());
    }

    @Test
    public void everyComponentIsSatisfied() throws InterruptedException {
        FeatureSetAssertions.everyComponentSatisfied(context);
    }
}
