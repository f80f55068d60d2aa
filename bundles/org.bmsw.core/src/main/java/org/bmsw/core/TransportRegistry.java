package org.bmsw.core;

import java.util.List;
import java.util.Optional;

import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;

/** The transports present right now. Follows bundles coming and going. */
public interface TransportRegistry {

    List<TransportProvider> providers();

    Optional<TransportProvider> provider(String id);

    /**
     * Ports of every provider. A provider that fails to list is skipped and reported in
     * {@link PortListing#problems()}; it never hides the others' ports.
     */
    PortListing listPorts();

    /** Called (on an arbitrary thread) whenever a provider appears or disappears. */
    AutoCloseable onChange(Runnable listener);

    record PortListing(List<PortInfo> ports, List<String> problems) {
        public PortListing {
            ports = List.copyOf(ports);
            problems = List.copyOf(problems);
        }
    }
}
