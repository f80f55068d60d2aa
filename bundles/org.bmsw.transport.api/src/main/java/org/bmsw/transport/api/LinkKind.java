package org.bmsw.transport.api;

/** What a link carries. */
public enum LinkKind {
    /** A byte stream: RS485/RS232, RTU over TCP. */
    BYTES,
    /** CAN 2.0A/B frames. */
    CAN
}
