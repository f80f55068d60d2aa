package org.bmsw.transport.socketcan.internal;

import java.io.IOException;
import java.time.Duration;

import org.bmsw.transport.api.LinkException;
import org.bmsw.transport.api.LinkException.Reason;

import tel.schich.javacan.CanChannels;
import tel.schich.javacan.CanSocketOptions;
import tel.schich.javacan.JavaCAN;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;
import tel.schich.javacan.platform.Platform;
import tel.schich.javacan.platform.linux.LinuxNativeOperationException;

/**
 * CAN_RAW sockets through JavaCAN. Nothing native happens before the first {@link #problem()} or {@link #open}, and a
 * native library that cannot be loaded (another OS, a processor this bundle has no library for) becomes a
 * {@link #problem()} message, never an error that escapes: the provider stays registered and says what is wrong.
 *
 * <p>JavaCAN loads its library in {@link JavaCAN#initialize()}: first {@code System.loadLibrary("javacan-core")}
 * (inside OSGi answered from this bundle's Bundle-NativeCode; in unit tests from {@code java.library.path}), then
 * the system property {@code javacan.native.javacan-core.path} (a file), then a {@code /native/libjavacan-core.so}
 * resource copied to a temporary directory. A failed attempt leaves no half-initialised class behind: the classes
 * whose static initialisers need the library ({@code SocketCAN}, {@code LinuxNetworkDevice}) are touched only after
 * loading succeeded.
 */
final class JavaCanBackend implements SocketCanBackend {

    static final String NO_AF_CAN = "this kernel has no SocketCAN (AF_CAN)";

    /** Processors this bundle carries a native library for (see Bundle-NativeCode in the pom). */
    static final String EMBEDDED_ARCHITECTURES = "x86_64, aarch64 and armv7";

    /** How long one receive waits before the reader looks whether its link is still open. */
    static final Duration RECEIVE_SLICE = Duration.ofMillis(100);

    // errno values (asm-generic/errno-base.h, errno.h; the same on every Linux architecture JavaCAN supports)
    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EPROTONOSUPPORT = 93;
    static final int EAFNOSUPPORT = 97;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;

    private final Runnable nativeLoader;
    private boolean attempted; // guarded by this
    private String nativeProblem; // guarded by this

    JavaCanBackend() {
        this(JavaCAN::initialize);
    }

    /** @param nativeLoader loads JavaCAN's native library, throwing a {@link LinkageError} when it cannot */
    JavaCanBackend(Runnable nativeLoader) {
        this.nativeLoader = nativeLoader;
    }

    /** Why JavaCAN's native library is not usable, or null. Tried once; the answer is kept. */
    synchronized String nativeProblem() {
        if (!attempted) {
            attempted = true;
            nativeProblem = loadNative();
        }
        return nativeProblem;
    }

    private String loadNative() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        try {
            if (!Platform.isLinux()) {
                return "SocketCAN exists only on Linux, and this is " + os + " (" + arch
                        + "); use an slcan adapter (transport 'slcan') instead";
            }
            nativeLoader.run();
            return null;
        } catch (LinkageError | RuntimeException e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                why.append(": ").append(cause.getMessage());
            }
            return "JavaCAN's native library could not be loaded on Linux " + arch + " (this bundle carries it for "
                    + EMBEDDED_ARCHITECTURES + "): " + why + "; use an slcan adapter (transport 'slcan') instead";
        }
    }

    @Override
    public String problem() {
        try {
            String problem = nativeProblem();
            if (problem != null) {
                return problem;
            }
            try {
                CanChannels.newRawChannel().close();
                return null;
            } catch (LinuxNativeOperationException e) {
                return socketFailure(e).getMessage();
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            return "SocketCAN cannot be used: " + e;
        }
    }

    @Override
    public CanSocket open(String interfaceName, int bitrate) throws LinkException {
        String problem = nativeProblem();
        if (problem != null) {
            throw new LinkException(Reason.IO, "Cannot open SocketCAN interface " + interfaceName + ": " + problem);
        }
        RawCanChannel channel;
        try {
            channel = CanChannels.newRawChannel();
        } catch (LinuxNativeOperationException e) {
            LinkException failure = socketFailure(e);
            throw new LinkException(failure.reason(), "Cannot open SocketCAN interface " + interfaceName + ": "
                    + failure.getMessage(), e);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new LinkException(Reason.IO, "Cannot open SocketCAN interface " + interfaceName + ": " + e, e);
        }
        try {
            NetworkDevice device = NetworkDevice.lookup(interfaceName);
            channel.bind(device);
            channel.setOption(CanSocketOptions.SO_RCVTIMEO, RECEIVE_SLICE);
            return new JavaCanSocket(channel, interfaceName, bitrate);
        } catch (LinuxNativeOperationException e) {
            closeQuietly(channel);
            int errno = e.getErrorNumber();
            if (errno == ENODEV || errno == ENXIO) {
                throw new LinkException(Reason.NOT_FOUND, "There is no network interface " + interfaceName
                        + " (" + e.getErrorString() + ")", e);
            }
            if (errno == EPERM || errno == EACCES) {
                throw new LinkException(Reason.PERMISSION_DENIED, "Not allowed to bind a CAN socket to "
                        + interfaceName + " (" + e.getErrorString() + ")", e);
            }
            throw new LinkException(Reason.IO, "Cannot bind a CAN socket to " + interfaceName + ": "
                    + e.getErrorString() + " (errno " + errno + ")", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new LinkException(Reason.IO, "Cannot bind a CAN socket to " + interfaceName + ": " + e, e);
        }
    }

    /** What a failed {@code socket(PF_CAN, SOCK_RAW, CAN_RAW)} means. */
    static LinkException socketFailure(LinuxNativeOperationException e) {
        int errno = e.getErrorNumber();
        String detail = " (socket(PF_CAN, SOCK_RAW, CAN_RAW) failed: " + e.getErrorString() + ", errno " + errno + ")";
        return switch (errno) {
            case EAFNOSUPPORT -> new LinkException(Reason.IO, NO_AF_CAN + detail + ". Where the kernel was built with"
                    + " CAN support, 'sudo modprobe can_raw' loads it; otherwise use an slcan adapter (transport 'slcan')", e);
            case EPROTONOSUPPORT -> new LinkException(Reason.IO, "this kernel has SocketCAN but no CAN_RAW protocol"
                    + detail + "; 'sudo modprobe can_raw' loads it", e);
            case EPERM, EACCES -> new LinkException(Reason.PERMISSION_DENIED, "not allowed to create CAN sockets"
                    + detail, e);
            default -> new LinkException(Reason.IO, "cannot create a CAN socket" + detail, e);
        };
    }

    private static void closeQuietly(RawCanChannel channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // the failure being reported matters more
        }
    }
}
