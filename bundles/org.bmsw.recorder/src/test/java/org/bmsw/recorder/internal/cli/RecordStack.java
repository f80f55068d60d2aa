package org.bmsw.recorder.internal.cli;

import java.nio.file.Path;
import java.util.List;

import org.bmsw.cli.internal.CliHarness;
import org.bmsw.core.internal.CoreServices;
import org.bmsw.recorder.internal.RecorderImpl;
import org.bmsw.recorder.internal.Recorders;
import org.bmsw.transport.serial.internal.SerialTransport;

/**
 * What {@code bin/bmsw record ...} runs on, assembled by hand from the real parts: the core services with the serial
 * transport and the Smart BMS profile, the recorder writing into {@code <data>/records}, the replay transport and
 * profile, the {@code record} command and the CLI's runner.
 */
final class RecordStack implements AutoCloseable {

    final CoreServices core;
    final RecorderImpl recorder;
    final RecordCommand command;
    final CliHarness cli;

    /** @param background as in a program that keeps running (Gogo shell): started recordings run in the background */
    RecordStack(Path data, int pollMillis, boolean background) throws Exception {
        core = new CoreServices(pollMillis, List.of(new SerialTransport()), List.of(SmartBmsOnPty.profile()));
        recorder = Recorders.create(core.live, data.resolve("records"));
        core.add(Recorders.replayTransport(recorder), Recorders.replayProfile());
        command = new RecordCommand(recorder, core.live, background);
        cli = new CliHarness(core.connections, core.transports, core.profiles, data, command);
    }

    CliHarness.Result run(String... args) {
        return cli.run(args);
    }

    @Override
    public void close() throws Exception {
        command.deactivate();
        Recorders.stop(recorder);
        core.close();
    }
}
