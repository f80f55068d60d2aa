package org.bmsw.simulator.can;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.telemetry.DbcTelemetry;
import org.bmsw.can.dbc.telemetry.FrameTelemetryDecoder;
import org.bmsw.can.dbc.telemetry.FrameTelemetryEncoder;
import org.bmsw.device.api.DeviceIdentity;
import org.bmsw.device.api.Telemetry;
import org.bmsw.simulator.battery.BatterySimulator;
import org.bmsw.transport.api.CanFrame;
import org.bmsw.transport.api.CanLink;
import org.bmsw.transport.api.LinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated device on a CAN bus: every message of the DBC that carries telemetry is encoded from the battery
 * model's present state with the same DBC the host decodes with, and sent at the message's own rate
 * ({@code GenMsgCycleTime}, {@value FrameTelemetryDecoder#DEFAULT_CYCLE_MILLIS} ms when the DBC declares none); all
 * pages of a multiplexed message go out together. Frames the device receives can be answered by a responder
 * (e.g. an XCP slave's CAN side), so calibration shares the bus with the broadcast.
 */
public final class CanBroadcaster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CanBroadcaster.class);
    private static final long RECEIVE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final DbcTelemetry definition;
    private final FrameTelemetryEncoder encoder;
    private final Supplier<Telemetry> state;
    private final CanLink link;
    private final Function<CanFrame, Optional<CanFrame>> responder;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param identity  model and firmware the frames report
     * @param responder answers received frames (empty: no answer); {@code f -> Optional.empty()} for a device that only
     *                  broadcasts
     */
    public CanBroadcaster(DbcTelemetry definition, BatterySimulator battery, DeviceIdentity identity, CanLink link,
                          Function<CanFrame, Optional<CanFrame>> responder) {
        this(definition, () -> SimulatedTelemetry.of(battery.snapshot(), identity, Instant.now()), link, responder);
    }

    CanBroadcaster(DbcTelemetry definition, Supplier<Telemetry> state, CanLink link,
                   Function<CanFrame, Optional<CanFrame>> responder) {
        this.definition = definition;
        this.encoder = definition.encoder();
        this.state = state;
        this.link = link;
        this.responder = responder;
    }

    /** The frames due now, one list per message: what one broadcast cycle of every message sends. */
    public Map<DbcMessage, List<CanFrame>> frames() {
        return encoder.encode(state.get());
    }

    /** Starts sending on a thread of its own; stops when the link closes or {@link #close()} is called. */
    public synchronized CanBroadcaster start() {
        if (running) {
            return this;
        }
        running = true;
        thread = new Thread(this::run, "simulated CAN device on " + link.settings().path());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        List<DbcMessage> messages = new ArrayList<>(definition.messages().keySet());
        long[] due = new long[messages.size()];
        long start = System.nanoTime();
        for (int i = 0; i < due.length; i++) {
            due[i] = start;
        }
        try {
            while (running && link.isOpen()) {
                long now = System.nanoTime();
                Telemetry snapshot = null;
                for (int i = 0; i < messages.size(); i++) {
                    if (now - due[i] >= 0) {
                        DbcMessage message = messages.get(i);
                        snapshot = snapshot == null ? state.get() : snapshot;
                        for (CanFrame frame : encoder.frames(message, snapshot)) {
                            link.send(frame);
                            answerPending(); // a request must not wait for a whole burst of pages
                        }
                        due[i] += TimeUnit.MILLISECONDS.toNanos(cycle(message));
                        if (now - due[i] > 0) {
                            due[i] = now; // fell behind (a slow bus): no burst to catch up
                        }
                    }
                }
                answer(nextDue(due) - System.nanoTime());
            }
        } catch (LinkException e) {
            if (running) {
                LOG.warn("Simulated CAN device on {} stopped: {}", link.settings().describe(), e.getMessage());
            }
        } finally {
            running = false;
        }
    }

    private static int cycle(DbcMessage message) {
        return message.cycleTimeMillis().orElse(FrameTelemetryDecoder.DEFAULT_CYCLE_MILLIS);
    }

    private static long nextDue(long[] due) {
        long next = due[0];
        for (long d : due) {
            next = d - next < 0 ? d : next;
        }
        return next;
    }

    private void answerPending() throws LinkException {
        for (CanFrame frame; (frame = link.receive(0)) != null; ) {
            answer(frame);
        }
    }

    private void answer(CanFrame frame) throws LinkException {
        Optional<CanFrame> reply = responder.apply(frame);
        if (reply.isPresent()) {
            link.send(reply.get());
        }
    }

    /** Answers received frames until {@code nanos} have passed. */
    private void answer(long nanos) throws LinkException {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        do {
            CanFrame frame = link.receive(Math.min(RECEIVE_SLICE_NANOS, Math.max(0, deadline - System.nanoTime())));
            if (frame != null) {
                answer(frame);
            }
        } while (running && deadline - System.nanoTime() > 0);
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        if (running != null) {
            try {
                running.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
