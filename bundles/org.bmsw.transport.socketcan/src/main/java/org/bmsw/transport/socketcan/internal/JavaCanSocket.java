package org.bmsw.transport.socketcan.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;

import tel.schich.javacan.JavaCAN;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/** A bound JavaCAN raw channel with a receive timeout, its errno values translated into link failures. */
final class JavaCanSocket implements CanSocket {

    private final RawCanChannel channel;
    private final String name;
    private final int bitrate;
    /** Used only by the one thread that receives. */
    private final ByteBuffer receiveBuffer = JavaCAN.allocateOrdered(RawCanChannel.MTU);

    JavaCanSocket(RawCanChannel channel, String name, int bitrate) {
        this.channel = channel;
        this.name = name;
        this.bitrate = bitrate;
    }

    @Override
    public void send(CanFrame frame) throws LinkException {
        try {
            channel.write(JavaCanFrames.toJavaCan(frame));
        } catch (LinuxNativeOperationException e) {
            int errno = e.getErrorNumber();
            if (errno == JavaCanBackend.ENOBUFS || errno == JavaCanBackend.EAGAIN) {
                throw new LinkException(Reason.IO, "The transmit queue of SocketCAN interface " + name + " is full ("
                        + e.getErrorString() + "): is another node on the bus acknowledging frames, at the same bit"
                        + " rate? The interface's bit rate is set with 'ip link', e.g. " + upCommand(), e);
            }
            throw translate(e, "sending " + frame);
        } catch (ClosedChannelException e) {
            throw new LinkException(Reason.CLOSED, "The socket of SocketCAN interface " + name + " is closed", e);
        } catch (IOException e) {
            throw new LinkException(Reason.IO, "Sending " + frame + " on SocketCAN interface " + name + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public CanFrame receive() throws LinkException {
        receiveBuffer.clear();
        tel.schich.javacan.CanFrame frame;
        try {
            frame = channel.read(receiveBuffer);
        } catch (LinuxNativeOperationException e) {
            int errno = e.getErrorNumber();
            if (errno == JavaCanBackend.EAGAIN || errno == JavaCanBackend.EINTR) {
                return null; // the receive timeout passed
            }
            throw translate(e, "receiving");
        } catch (ClosedChannelException e) {
            throw new LinkException(Reason.CLOSED, "The socket of SocketCAN interface " + name + " is closed", e);
        } catch (IOException e) {
            throw new LinkException(Reason.IO, "Receiving on SocketCAN interface " + name + " failed: "
                    + e.getMessage(), e);
        }
        return JavaCanFrames.fromJavaCan(frame, System.nanoTime());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to do with a socket that will not close
        }
    }

    private LinkException translate(LinuxNativeOperationException e, String what) {
        int errno = e.getErrorNumber();
        if (errno == JavaCanBackend.ENODEV || errno == JavaCanBackend.ENXIO) {
            return new LinkException(Reason.DISCONNECTED, "SocketCAN interface " + name + " disappeared while "
                    + what + " (" + e.getErrorString() + "): adapter unplugged or interface deleted", e);
        }
        if (errno == JavaCanBackend.ENETDOWN) {
            return new LinkException(Reason.IO, "SocketCAN interface " + name + " is down (" + e.getErrorString()
                    + "); bring it up with " + upCommand(), e);
        }
        return new LinkException(Reason.IO, "SocketCAN interface " + name + ": " + what + " failed: "
                + e.getErrorString() + " (errno " + errno + ")", e);
    }

    private String upCommand() {
        return SocketCanTransport.upCommand(name, bitrate);
    }
}
