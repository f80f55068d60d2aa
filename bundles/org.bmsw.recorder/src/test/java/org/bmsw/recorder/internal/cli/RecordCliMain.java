package org.bmsw.recorder.internal.cli;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@code bmsw} process of its own for {@link RecordAcrossProcessesTest}: {@code <data dir> <poll ms> record ...}
 * runs the command as the program would, printing to this process's stdout and stderr, and exits with its code.
 */
public final class RecordCliMain {

    private RecordCliMain() {
    }

    public static void main(String[] args) throws Exception {
        RecordStack stack = new RecordStack(Path.of(args[0]), Integer.parseInt(args[1]), false);
        int code = stack.cli.run(System.out, System.err, Arrays.copyOfRange(args, 2, args.length));
        System.out.flush();
        stack.close();
        System.exit(code);
    }
}
