package org.bmsw.recorder.internal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bmsw.cli.CliCommand;
import org.bmsw.cli.CliContext;
import org.bmsw.recorder.RecorderException;
import org.bmsw.recorder.RecordingInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop", mixinStandardHelpOptions = true, description = {
        "Stops a recording wherever it runs: in another 'bmsw record start', or in",
        "the window or Gogo shell of a running program. That program is asked",
        "through a stop request beside the recording; this waits until it stopped.",
        "Without ID: the only running recording."})
final class StopCommand implements Callable<Integer> {

    private final RecordCommand owner;
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The recording (see 'bmsw record list').")
    String id;

    @Option(names = "--all", description = "Stop every running recording.")
    boolean all;

    StopCommand(RecordCommand owner, CliContext context) {
        this.owner = owner;
        this.context = context;
    }

    @Override
    public Integer call() {
        List<String> ids = new ArrayList<>();
        try {
            if (id != null) {
                if (all) {
                    throw new IllegalArgumentException("give an ID or --all, not both");
                }
                RecordingInfo info = owner.requireRecording(id);
                if (info.state() != RecordingInfo.State.RECORDING) {
                    context.err().println("record stop: recording " + id + " is not running (it is "
                            + info.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
                    return CliCommand.FAILED;
                }
                ids.add(id);
            } else {
                List<String> runningIds = owner.recorder.list().stream()
                        .filter(r -> r.state() == RecordingInfo.State.RECORDING).map(RecordingInfo::id).toList();
                if (runningIds.isEmpty()) {
                    context.err().println("record stop: no recording is running");
                    return CliCommand.FAILED;
                }
                if (runningIds.size() > 1 && !all) {
                    throw new IllegalArgumentException("several recordings are running (" + String.join(", ", runningIds)
                            + "): name one, or give --all");
                }
                ids.addAll(runningIds);
            }
            for (String stopping : ids) {
                RecordingInfo stopped = owner.recorder.stop(stopping);
                context.out().println(stopped.id());
                context.err().println("recording " + stopped.id() + " stopped: " + stopped.samples() + " snapshots");
            }
            return CliCommand.OK;
        } catch (RecorderException e) {
            return RecordCommand.failed(context, "record stop", e);
        }
    }
}
