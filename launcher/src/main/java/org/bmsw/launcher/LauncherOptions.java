package org.bmsw.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The launcher's own options. Everything from the first argument that is not a launcher option is
 * handed to the program (the CLI's command and its options).
 *
 * @param features     features to start; empty = the default set for the environment
 * @param shell        add the Gogo shell feature and run it on this terminal
 * @param headless     force the headless set even when a display is available
 * @param check        resolve the feature set and exit, starting nothing
 * @param home         distribution folder (bin/, lib/, bundles/, features/, conf/, plugins/)
 * @param dataDir      logs, recordings, backups, reports
 * @param configDir    persisted configuration (ConfigAdmin)
 * @param pluginsDir   hot-deploy folder
 * @param programArgs  arguments for the program (CLI command ...)
 */
record LauncherOptions(List<String> features, boolean shell, boolean headless, boolean check, boolean help,
                       boolean version, Path home, Path dataDir, Path configDir, Path pluginsDir,
                       List<String> programArgs) {

    static final String USAGE = """
            Usage: bmsw [launcher options] [command [command options]]

            Launcher options:
              --features a,b,c   start exactly these features (see the features/ folder)
              --headless         start the headless set: no window, no SWT, no DISPLAY needed
              --shell            also start the Gogo shell on this terminal
              --check            resolve the feature set, report missing requirements, start nothing
              --data-dir DIR     logs, recordings, backups (default: $XDG_DATA_HOME/bmsw or ~/.local/share/bmsw)
              --config-dir DIR   saved settings (default: $XDG_CONFIG_HOME/bmsw or ~/.config/bmsw)
              --plugins DIR      hot-deploy folder for profile and transport plugins (default: <home>/plugins)
              --version          print the version and exit
              --help             this text

            Without --features the desktop set starts, or the headless set when --headless is given,
            a command is given, or there is no display.

            Exit codes: 0 ok, 1 device, link or program error, 2 usage, 3 refused (validation, safety,
            missing --yes), 4 a feature set does not resolve.
            """;

    static LauncherOptions parse(String[] args, Map<String, String> env, Path home) throws UsageException {
        List<String> features = new ArrayList<>();
        boolean shell = false;
        boolean headless = false;
        boolean check = false;
        boolean help = false;
        boolean version = false;
        Path dataDir = null;
        Path configDir = null;
        Path pluginsDir = null;
        int i = 0;
        parsing:
        for (; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--features" -> {
                    for (String f : value(args, ++i, arg).split(",")) {
                        if (!f.isBlank()) {
                            features.add(f.trim());
                        }
                    }
                    if (features.isEmpty()) {
                        throw new UsageException("--features needs at least one feature name");
                    }
                }
                case "--shell" -> shell = true;
                case "--headless" -> headless = true;
                case "--check" -> check = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--config-dir" -> configDir = Path.of(value(args, ++i, arg));
                case "--plugins" -> pluginsDir = Path.of(value(args, ++i, arg));
                case "--" -> {
                    i++;
                    break parsing;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown launcher option " + arg
                                + " (launcher options come before the command; see bmsw --help)");
                    }
                    break parsing;
                }
            }
        }
        List<String> programArgs = i < args.length ? List.of(args).subList(i, args.length) : List.of();
        Path userHome = Path.of(System.getProperty("user.home"));
        if (dataDir == null) {
            dataDir = xdg(env, "BMSW_DATA_DIR", "XDG_DATA_HOME", userHome.resolve(".local").resolve("share"));
        }
        if (configDir == null) {
            configDir = xdg(env, "BMSW_CONFIG_DIR", "XDG_CONFIG_HOME", userHome.resolve(".config"));
        }
        if (pluginsDir == null) {
            pluginsDir = home.resolve("plugins");
        }
        return new LauncherOptions(List.copyOf(features), shell, headless, check, help, version, home,
                dataDir.toAbsolutePath(), configDir.toAbsolutePath(), pluginsDir.toAbsolutePath(),
                List.copyOf(programArgs));
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static Path xdg(Map<String, String> env, String own, String xdg, Path fallbackBase) {
        String explicit = env.get(own);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String base = env.get(xdg);
        return (base != null && !base.isBlank() ? Path.of(base) : fallbackBase).resolve("bmsw");
    }
}
