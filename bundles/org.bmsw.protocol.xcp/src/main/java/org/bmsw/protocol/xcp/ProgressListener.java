package org.bmsw.protocol.xcp;

/** Told after every acknowledged packet of a long transfer. Called on the transferring thread; must not block. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} bytes are acknowledged by the slave. */
    void progress(long done, long total);

    /**
     * Asked before every packet or master block: true stops the transfer there with a {@code CLOSED}
     * {@link XcpException} (what was acknowledged so far was reported).
     */
    default boolean cancelled() {
        return false;
    }
}
