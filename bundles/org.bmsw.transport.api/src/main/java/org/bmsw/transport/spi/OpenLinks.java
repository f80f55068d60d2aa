package org.bmsw.transport.spi;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.bmsw.transport.api.LinkException;

/** The links a provider has open, so it can close them all when its component deactivates. */
public final class OpenLinks {

    private final Set<AbstractLink> links = ConcurrentHashMap.newKeySet();

    /** Tracks {@code link} until it closes; returns it. */
    public <L extends AbstractLink> L track(L link) {
        links.add(link);
        link.onClose(reason -> links.remove(link));
        return link;
    }

    public int size() {
        return links.size();
    }

    /** An open link matching {@code which}, e.g. one on the same port. */
    public Optional<AbstractLink> find(Predicate<? super AbstractLink> which) {
        return links.stream().filter(AbstractLink::isOpen).filter(which).findFirst();
    }

    /** Closes every tracked link with {@link LinkException.Reason#PROVIDER_GONE}. */
    public void closeAll(String providerName) {
        for (AbstractLink link : Set.copyOf(links)) {
            link.closeWith(new LinkException(LinkException.Reason.PROVIDER_GONE,
                    link.settings().describe() + " was closed because the " + providerName
                            + " transport stopped (bundle stopped, updated or removed)"));
        }
    }
}
