package org.bmsw.simulator.bus;

/** Where a bus is reachable: a pty pair, a TCP port, an opened link. Closing stops serving. */
public interface Endpoint extends AutoCloseable {

    /** What a master opens to reach the bus, e.g. the pty path or host:port. */
    String address();

    @Override
    void close();
}
