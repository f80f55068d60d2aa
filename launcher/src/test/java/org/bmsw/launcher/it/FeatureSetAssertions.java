package org.bmsw.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** What every feature set must satisfy once booted. */
final class FeatureSetAssertions {

    private FeatureSetAssertions() {
    }

    /** Every bundle of the feature set is ACTIVE (fragments RESOLVED): nothing unresolved. */
    static void everyBundleActive(BundleContext context, List<String> expected) {
        Set<String> present = List.of(context.getBundles()).stream().map(Bundle::getSymbolicName).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int wanted = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != wanted) {
                problems.add(bundle.getSymbolicName() + " is " + state(bundle.getState()) + ", expected " + state(wanted));
            }
        }
        assertTrue("bundles not in their expected state: " + problems, problems.isEmpty());
        assertTrue("the feature set's bundles are all installed: " + expected + " within " + present,
                present.containsAll(expected));
    }

    /** Every DS component of the product is satisfied (delayed) or active; none failed or lacks a reference. */
    static void everyComponentSatisfied(BundleContext context) throws InterruptedException {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        assertTrue("Declarative Services runtime present", ref != null);
        ServiceComponentRuntime scr = context.getService(ref);
        List<String> problems = List.of();
        int components = 0;
        long deadline = System.currentTimeMillis() + 5_000;
        do {
            problems = new ArrayList<>();
            components = 0;
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("org.bmsw")) {
                    continue;
                }
                components++;
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state != ComponentConfigurationDTO.ACTIVE
                            && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                        problems.add(description.name + " state " + configuration.state + " unsatisfied "
                                + List.of(configuration.unsatisfiedReferences).stream().map(r -> r.name).toList()
                                + (configuration.failure == null ? "" : " failure " + configuration.failure));
                    }
                }
            }
            if (problems.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        assertEquals("components not satisfied: " + problems, List.of(), problems);
        assertTrue("the feature set has components of its own", components > 0);
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        fail("no bundle " + symbolicName);
        return null;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (unresolved)";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
