package org.bmsw.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.core.TransportRegistry;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.transport.api.TransportProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(service = TransportRegistry.class)
public class TransportRegistryImpl implements TransportRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TransportRegistryImpl.class);

    private final List<TransportProvider> providers = new CopyOnWriteArrayList<>();
    private final Listeners<Void> listeners = new Listeners<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(TransportProvider provider) {
        providers.add(provider);
        LOG.info("Transport available: {} ({})", safeId(provider), safeName(provider));
        listeners.fire(null);
    }

    void removeProvider(TransportProvider provider) {
        providers.remove(provider);
        LOG.info("Transport gone: {}", safeId(provider));
        listeners.fire(null);
    }

    @Override
    public List<TransportProvider> providers() {
        return List.copyOf(providers);
    }

    @Override
    public Optional<TransportProvider> provider(String id) {
        for (TransportProvider provider : providers) {
            if (id.equals(safeId(provider))) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    @Override
    public PortListing listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (TransportProvider provider : List.copyOf(providers)) {
            try {
                ports.addAll(provider.listPorts());
            } catch (RuntimeException | LinkageError e) {
                String problem = "Transport " + safeId(provider) + " could not list its ports: " + e;
                LOG.warn(problem, e);
                problems.add(problem);
            }
        }
        return new PortListing(ports, problems);
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        return listeners.add(ignored -> listener.run());
    }

    private static String safeId(TransportProvider provider) {
        try {
            return provider.id();
        } catch (RuntimeException | LinkageError e) {
            return provider.getClass().getName();
        }
    }

    private static String safeName(TransportProvider provider) {
        try {
            return provider.displayName();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }
}
