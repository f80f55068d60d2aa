package org.bmsw.firmware.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.device.api.DeviceException;
import org.bmsw.device.api.DeviceException.Reason;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.firmware.FirmwareFlasher;
import org.bmsw.firmware.FirmwareImage;
import org.bmsw.firmware.FlashException;
import org.bmsw.firmware.FlashOptions;
import org.bmsw.firmware.FlashPhase;
import org.bmsw.firmware.FlashProgress;
import org.bmsw.firmware.FlashReport;
import org.bmsw.firmware.FlashRequest;
import org.bmsw.firmware.Segment;
import org.bmsw.protocol.xcp.Checksum;
import org.bmsw.protocol.xcp.ChecksumType;
import org.bmsw.protocol.xcp.ConnectInfo;
import org.bmsw.protocol.xcp.ProgramInfo;
import org.bmsw.protocol.xcp.ProgressListener;
import org.bmsw.protocol.xcp.XcpError;
import org.bmsw.protocol.xcp.XcpException;
import org.bmsw.protocol.xcp.XcpMaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flash as OpenBLT's host loader runs it (CONNECT, GET_STATUS, PROGRAM_START, PROGRAM_CLEAR of every segment,
 * PROGRAM_MAX blocks, PROGRAM end, PROGRAM_RESET), plus what makes it safe: validation first, a checksum of every
 * segment before the commit, blocks acknowledged one by one with retries, the whole session started over when the
 * device stopped answering, and cancelling only between blocks.
 */
public final class FlashEngine implements FirmwareFlasher {

    private static final Logger LOG = LoggerFactory.getLogger(FlashEngine.class);
    /** The element count of PROGRAM is one byte: a master block carries at most 255 bytes. */
    private static final int MAX_BLOCK_ELEMENTS = 255;

    private final XcpMaster master;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean busy = new AtomicBoolean();

    public FlashEngine(XcpMaster master) {
        this.master = master;
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean bootloaderWaiting() {
        try {
            return master.connect().programming();
        } catch (XcpException e) {
            LOG.debug("{}: no bootloader answers: {}", master.transport().describe(), e.getMessage());
            return false;
        }
    }

    @Override
    public FlashReport flash(FlashRequest request) throws FlashException {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("this flasher is already flashing");
        }
        cancelled.set(false);
        try {
            return new Run(request).execute();
        } finally {
            busy.set(false);
        }
    }

    /** The programmed bytes differ from the image's: the session starts over like after a lost answer. */
    private static final class VerifyMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        VerifyMismatch(String message) {
            super(message);
        }
    }

    /** One flash: its state decides what an error says about the device. */
    private final class Run {
        private final FlashRequest request;
        private final FlashOptions options;
        private final FirmwareImage image;
        private final long total;
        private final String where = master.transport().describe();
        private FlashPhase phase = FlashPhase.VALIDATE;
        private boolean inBootloader;
        private boolean enteredBootloader;
        private boolean eraseStarted;
        private boolean committed;
        private long done;
        private long programStartNanos;
        private long programNanos;
        private String verification = "";

        Run(FlashRequest request) {
            this.request = request;
            this.options = request.options();
            this.image = request.summary().firmware().image();
            this.total = image.totalBytes();
        }

        FlashReport execute() throws FlashException {
            long started = System.nanoTime();
            if (!request.summary().approvedWith(request.confirmed())) {
                throw failure(FlashException.Reason.REFUSED, "not flashed: " + request.summary().obstacles(request.confirmed()), null);
            }
            phase(FlashPhase.BACKUP, "looking for a waiting bootloader");
            inBootloader = bootloaderWaiting();
            Optional<FirmwareUpdateSupport> application = request.application();
            if (!inBootloader && application.isPresent()) {
                phase(FlashPhase.BACKUP, "parameter backup");
                try {
                    request.hooks().backup();
                } catch (Exception e) {
                    throw failure(FlashException.Reason.BACKUP_FAILED, "the parameter backup failed: " + e.getMessage(), e);
                }
            }
            checkCancelled();
            if (!inBootloader) {
                phase(FlashPhase.ENTER_BOOTLOADER, application.isPresent() ? "asking the application to restart into its bootloader"
                        : "waiting for the bootloader");
                enterBootloader(application);
            }
            int sessions = 0;
            while (true) {
                sessions++;
                try {
                    session();
                    break;
                } catch (XcpException | VerifyMismatch e) {
                    checkCancelled(); // a transfer stopped by cancel() ends as cancelled, whatever the master said
                    boolean retryable = e instanceof VerifyMismatch || retryable((XcpException) e);
                    if (cancelled.get() || !retryable || committed || sessions >= options.sessionAttempts()) {
                        throw e instanceof VerifyMismatch
                                ? failure(FlashException.Reason.VERIFY_FAILED, e.getMessage(), e)
                                : failure(FlashException.Reason.DEVICE, e.getMessage(), e);
                    }
                    LOG.warn("{}: flashing {} stopped in {} ({}); starting the session over ({} of {})", where,
                            image.source(), phase, e.getMessage(), sessions + 1, options.sessionAttempts());
                    connectWithin(options.bootloaderWait());
                }
            }
            double rate = programNanos == 0 ? 0 : total * 1e9 / programNanos;
            FlashReport report = new FlashReport(request.summary().firmware().source(), total,
                    Duration.ofNanos(System.nanoTime() - started), rate, sessions, enteredBootloader, verification, Optional.empty());
            phase(FlashPhase.RESTORE, "parameter restore");
            try {
                request.hooks().restore(report);
            } catch (Exception e) {
                LOG.warn("{}: firmware {} flashed, but the parameter restore failed: {}", where, image.source(), e.getMessage(), e);
                report = report.withRestoreProblem(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            phase(FlashPhase.DONE, String.format("%d bytes in %.1f s", total, report.elapsed().toMillis() / 1000.0));
            LOG.info("{}: flashed {} ({} bytes, {} B/s, {} session(s))", where, image.source(), total, Math.round(rate), sessions);
            return report;
        }

        /**
         * Asks the application into its bootloader and waits for CONNECT. Without an application, or when it refuses
         * (a device that already waits in its bootloader has no application to answer), the bootloader still gets
         * the whole wait to answer.
         */
        private void enterBootloader(Optional<FirmwareUpdateSupport> application) throws FlashException {
            DeviceException refused = null;
            if (application.isPresent()) {
                try {
                    application.get().enterBootloader();
                    enteredBootloader = true;
                } catch (DeviceException e) {
                    LOG.info("{}: the application did not take the request to enter its bootloader ({}); waiting for a bootloader",
                            where, e.getMessage());
                    refused = e;
                }
            }
            try {
                connectWithin(options.bootloaderWait());
            } catch (FlashException e) {
                if (e.reason() != FlashException.Reason.NO_BOOTLOADER) {
                    throw e;
                }
                String why = application.isEmpty() ? "there is no running application to ask into it"
                        : refused != null ? "the application refused to restart into it: " + refused.getMessage()
                        : "the application was asked to restart into it";
                throw failure(FlashException.Reason.NO_BOOTLOADER, e.problem() + "; " + why, e);
            }
            inBootloader = true;
        }

        /** One programming session from CONNECT to PROGRAM_RESET. */
        private void session() throws XcpException, VerifyMismatch, FlashException {
            phase(FlashPhase.CONNECT, "CONNECT, GET_STATUS, PROGRAM_START");
            ConnectInfo connection = master.connection().isPresent() ? master.connection().get() : master.connect();
            if (!connection.programming()) {
                throw failure(FlashException.Reason.NO_BOOTLOADER, "the device answers XCP but offers no programming: it is"
                        + " not a bootloader", null);
            }
            if (master.getStatus().programmingLocked()) {
                throw failure(FlashException.Reason.NO_BOOTLOADER, "the bootloader wants seed and key (GET_SEED / UNLOCK)"
                        + " before programming, which this flasher does not do", null);
            }
            ProgramInfo programming = master.programStart();
            checkCancelled();
            phase(FlashPhase.ERASE, image.segments().size() + " segment(s)");
            eraseStarted = true;
            for (Segment segment : image.segments()) {
                checkCancelled();
                master.programClear(segment.address(), segment.length());
            }
            done = 0;
            programStartNanos = System.nanoTime();
            phase(FlashPhase.PROGRAM, "");
            int block = blockBytes(programming);
            for (Segment segment : image.segments()) {
                byte[] data = segment.data();
                for (int offset = 0; offset < data.length; offset += block) {
                    checkCancelled();
                    programBlock(segment.address(), data, offset, Math.min(block, data.length - offset));
                }
            }
            programNanos = System.nanoTime() - programStartNanos;
            checkCancelled();
            phase(FlashPhase.VERIFY, "");
            verify(connection.littleEndian());
            checkCancelled();
            phase(FlashPhase.COMMIT, "");
            master.programEnd();
            committed = true;
            phase(FlashPhase.RESET, "");
            master.programReset();
        }

        /**
         * Whole acknowledged units per block (a PROGRAM_MAX packet, or a master block of 255 bytes where the slave and
         * the transport take them), so no block ends in a short packet or a short master block of its own.
         */
        private int blockBytes(ProgramInfo programming) {
            int perPacket = programming.programMaxUsable() ? programming.maxCtoPgm() - 1 : programming.maxCtoPgm() - 2;
            int unit = programming.masterBlockMode() && master.transport().supportsBlockMode()
                    ? Math.min(MAX_BLOCK_ELEMENTS, programming.maxBsPgm() * (programming.maxCtoPgm() - 2)) : perPacket;
            return Math.max(1, options.blockBytes() / unit) * unit;
        }

        /**
         * Programs one block. A transfer that failed after the XCP master's own repeats goes on from its last
         * acknowledged byte, up to the block retries; cancelling stops it within one packet or master block.
         */
        private void programBlock(long address, byte[] data, int offset, int length) throws XcpException, FlashException {
            long before = done;
            for (int attempt = 0; ; attempt++) {
                int from = (int) (done - before);
                try {
                    master.program(address + offset + from, data, offset + from, length - from, new ProgressListener() {
                        @Override
                        public void progress(long acknowledged, long total) {
                            Run.this.progress(before + from + acknowledged);
                        }

                        @Override
                        public boolean cancelled() {
                            return cancelled.get();
                        }
                    });
                    done = before + length;
                    return;
                } catch (XcpException e) {
                    checkCancelled();
                    if (!retryable(e) || e.reason() == Reason.REJECTED || attempt >= options.blockRetries()) {
                        throw e;
                    }
                    LOG.info("{}: programming at 0x{} failed ({}), going on from there", where,
                            Long.toHexString(address + offset + done - before), e.getMessage());
                }
            }
        }

        /** BUILD_CHECKSUM of every segment against the image; reading back where the bootloader has no usable checksum. */
        private void verify(boolean littleEndian) throws XcpException, VerifyMismatch {
            List<String> how = new ArrayList<>();
            for (Segment segment : image.segments()) {
                byte[] expected = segment.data();
                Optional<Checksum> checksum = checksum(segment);
                Optional<ChecksumType> type = checksum.flatMap(Checksum::type);
                if (type.isPresent() && expected.length % type.get().elementBytes() == 0) {
                    long want = type.get().compute(expected, littleEndian);
                    if (checksum.get().value() != want) {
                        throw new VerifyMismatch(String.format("the device's %s of %s is 0x%08X, the image's 0x%08X", type.get(),
                                Segment.range(segment.address(), segment.length()), checksum.get().value(), want));
                    }
                    how.add(checksum.get().toString());
                } else {
                    byte[] actual = master.read(segment.address(), segment.length());
                    int mismatch = Arrays.mismatch(actual, expected);
                    if (mismatch >= 0) {
                        throw new VerifyMismatch(String.format("byte 0x%08X reads back 0x%02X, the image has 0x%02X",
                                segment.address() + mismatch, actual[mismatch] & 0xFF, expected[mismatch] & 0xFF));
                    }
                    how.add("read back");
                }
            }
            verification = how.size() == 1 ? how.get(0) : String.join(", ", how);
        }

        /** The device's checksum of a segment, or empty when it does not build one for this range. */
        private Optional<Checksum> checksum(Segment segment) throws XcpException {
            try {
                return Optional.of(master.checksum(segment.address(), segment.length()));
            } catch (XcpException e) {
                Optional<XcpError> error = e.error();
                if (error.isPresent() && (error.get() == XcpError.CMD_UNKNOWN || error.get() == XcpError.OUT_OF_RANGE)) {
                    LOG.debug("{}: no BUILD_CHECKSUM for {} ({}); reading back", where, segment, e.getMessage());
                    return Optional.empty();
                }
                throw e;
            }
        }

        /** CONNECT until a bootloader answers or {@code wait} is over (a device restarting takes a moment). */
        private void connectWithin(Duration wait) throws FlashException {
            long deadline = System.nanoTime() + wait.toNanos();
            XcpException last;
            do {
                checkCancelled();
                try {
                    if (master.connect().programming()) {
                        return;
                    }
                    last = null;
                } catch (XcpException e) {
                    if (e.reason() == Reason.LINK || e.reason() == Reason.CLOSED) {
                        throw failure(FlashException.Reason.DEVICE, "the link failed: " + e.getMessage(), e);
                    }
                    last = e;
                    pause(); // a refusal comes at once: do not flood the bus while the device restarts
                }
            } while (System.nanoTime() < deadline);
            throw failure(FlashException.Reason.NO_BOOTLOADER, "no bootloader answered CONNECT on " + where + " within "
                    + wait.toMillis() + " ms" + (last == null ? " (a device answered but offers no programming)" : ": " + last.getMessage()), last);
        }

        private void pause() throws FlashException {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(FlashException.Reason.CANCELLED, "interrupted", e);
            }
        }

        private boolean retryable(XcpException e) {
            return e.reason() == Reason.TIMEOUT || e.reason() == Reason.PROTOCOL || e.reason() == Reason.REJECTED;
        }

        private void checkCancelled() throws FlashException {
            if (cancelled.get()) {
                throw failure(FlashException.Reason.CANCELLED, "cancelled", null);
            }
        }

        private void phase(FlashPhase next, String message) {
            phase = next;
            LOG.debug("{}: {} {}", where, next, message);
            report(message);
        }

        private void progress(long acknowledged) {
            done = acknowledged;
            report("");
        }

        private void report(String message) {
            double rate = 0;
            Optional<Duration> eta = Optional.empty();
            if (phase == FlashPhase.PROGRAM && done > 0) {
                long elapsed = System.nanoTime() - programStartNanos;
                rate = done * 1e9 / Math.max(1, elapsed);
                eta = Optional.of(Duration.ofNanos((long) ((total - done) / rate * 1e9)));
            }
            try {
                request.listener().progress(new FlashProgress(phase, done, total, rate, eta, message));
            } catch (RuntimeException e) {
                LOG.warn("{}: a flash progress listener failed: {}", where, e.getMessage(), e);
            }
        }

        private FlashException failure(FlashException.Reason reason, String problem, Throwable cause) {
            String state;
            if (committed) {
                state = "The new image is committed; a reset or power cycle starts it.";
            } else if (eraseStarted) {
                state = "The device waits in its bootloader. The new image is incomplete and is never started: the bootloader"
                        + " starts an image only after its commit, the last step. Flash again to complete the update.";
            } else if (inBootloader) {
                state = "Nothing was erased: the device waits in its bootloader with its previous image. Flash again to update it.";
            } else {
                state = "Nothing was changed on the device.";
            }
            LOG.warn("{}: flashing {} failed in {}: {}. {}", where, image.source(), phase, problem, state);
            return new FlashException(reason, phase, eraseStarted, problem, state, cause);
        }
    }
}
