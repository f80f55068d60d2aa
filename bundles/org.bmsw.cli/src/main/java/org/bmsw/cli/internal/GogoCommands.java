package org.bmsw.cli.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The same commands in the Gogo shell ({@code bmsw --shell}): {@code bmsw read --port ...}, or by name,
 * {@code read --port ...}. Commands contributed by other bundles are reached the same way.
 */
@Component(service = GogoCommands.class, property = {
        "osgi.command.scope=bmsw",
        "osgi.command.function=bmsw",
        "osgi.command.function=ports",
        "osgi.command.function=profiles",
        "osgi.command.function=scan",
        "osgi.command.function=read",
        "osgi.command.function=params",
        "osgi.command.function=raw",
        "osgi.command.function=control",
        "osgi.command.function=simulate",
        "osgi.command.function=flash",
        "osgi.command.function=record",
        "osgi.command.function=calibrate",
        "osgi.command.function=profile"})
public class GogoCommands {

    private final CliRunner runner;

    @Activate
    public GogoCommands(@Reference CliRunner runner) {
        this.runner = runner;
    }

    public void bmsw(String... args) {
        runner.run(List.of(args), System.out, System.err);
    }

    public void ports(String... args) {
        run("ports", args);
    }

    public void profiles(String... args) {
        run("profiles", args);
    }

    public void scan(String... args) {
        run("scan", args);
    }

    public void read(String... args) {
        run("read", args);
    }

    public void params(String... args) {
        run("params", args);
    }

    public void raw(String... args) {
        run("raw", args);
    }

    public void control(String... args) {
        run("control", args);
    }

    public void simulate(String... args) {
        run("simulate", args);
    }

    public void flash(String... args) {
        run("flash", args);
    }

    public void record(String... args) {
        run("record", args);
    }

    public void calibrate(String... args) {
        run("calibrate", args);
    }

    public void profile(String... args) {
        run("profile", args);
    }

    private void run(String command, String[] args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        runner.run(all, System.out, System.err);
    }
}
