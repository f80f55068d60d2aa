package org.bmsw.transport.socketcan.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bmsw.transport.api.LinkException;

/** A backend that opens {@link FakeCanSocket}s, or reports a fixed problem. */
class FakeBackend implements SocketCanBackend {

    final String problem;
    final List<FakeCanSocket> sockets = new CopyOnWriteArrayList<>();

    FakeBackend(String problem) {
        this.problem = problem;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public CanSocket open(String interfaceName, int bitrate) throws LinkException {
        if (problem != null) {
            throw new LinkException(LinkException.Reason.IO, "Cannot open SocketCAN interface " + interfaceName + ": "
                    + problem);
        }
        FakeCanSocket socket = new FakeCanSocket();
        sockets.add(socket);
        return socket;
    }
}
