package org.bmsw.workbench.cantrace.internal;

import java.time.Instant;

import org.bmsw.transport.api.CanFrame;

/**
 * A frame seen on the link.
 *
 * @param time     when it was seen
 * @param frame    the frame
 * @param sent     sent by this program (true) or received from the bus
 */
record TracedFrame(Instant time, CanFrame frame, boolean sent) {
}
