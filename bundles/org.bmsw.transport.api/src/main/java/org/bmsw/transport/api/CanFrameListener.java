package org.bmsw.transport.api;

/**
 * Told of every frame a {@link CanLink} receives or sends, besides the link's user: a CAN trace, a bus logger.
 * Called on the thread that received or sent the frame, so it must not block and should be quick; what it throws
 * is logged and does not disturb the link.
 */
@FunctionalInterface
public interface CanFrameListener {

    /**
     * @param frame the frame; a received one carries its receive time, a sent one the time it was written
     * @param sent  true for a frame this link sent, false for one it received
     */
    void frame(CanFrame frame, boolean sent);
}
