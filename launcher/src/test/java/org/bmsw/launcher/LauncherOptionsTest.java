package org.bmsw.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    private static final Path HOME = Path.of("/opt/bmsw");

    @Test
    void launcherOptionsStopAtTheCommand() throws UsageException {
        LauncherOptions options = LauncherOptions.parse(
                new String[] {"--features", "core,cli", "--shell", "read", "--port", "/dev/ttyUSB0"}, Map.of(), HOME);
        assertEquals(List.of("core", "cli"), options.features());
        assertTrue(options.shell());
        assertEquals(List.of("read", "--port", "/dev/ttyUSB0"), options.programArgs());
    }

    @Test
    void directoriesFollowXdgAndCanBeOverridden() throws UsageException {
        LauncherOptions fromXdg = LauncherOptions.parse(new String[0],
                Map.of("XDG_DATA_HOME", "/x/data", "XDG_CONFIG_HOME", "/x/config"), HOME);
        assertEquals(Path.of("/x/data/bmsw"), fromXdg.dataDir());
        assertEquals(Path.of("/x/config/bmsw"), fromXdg.configDir());
        assertEquals(HOME.resolve("plugins"), fromXdg.pluginsDir());
        LauncherOptions explicit = LauncherOptions.parse(new String[] {"--data-dir", "/d", "--plugins", "/p"},
                Map.of("BMSW_CONFIG_DIR", "/c"), HOME);
        assertEquals(Path.of("/d"), explicit.dataDir());
        assertEquals(Path.of("/c"), explicit.configDir());
        assertEquals(Path.of("/p"), explicit.pluginsDir());
    }

    @Test
    void badUsageIsRefusedWithAReason() {
        assertTrue(assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--features"}, Map.of(), HOME))
                .getMessage().contains("--features needs a value"));
        assertTrue(assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--frobnicate"}, Map.of(), HOME))
                .getMessage().contains("unknown launcher option --frobnicate"));
        assertThrows(UsageException.class, () -> LauncherOptions.parse(new String[] {"--features", ","}, Map.of(), HOME));
    }

    @Test
    void defaultSetIsHeadlessWithoutDisplayOrWithACommand() throws UsageException {
        LauncherOptions plain = LauncherOptions.parse(new String[0], Map.of(), HOME);
        LauncherOptions command = LauncherOptions.parse(new String[] {"ports"}, Map.of(), HOME);
        assertEquals(List.of("headless"), Main.featureNames(plain, Map.of()));
        assertEquals(List.of("desktop"), Main.featureNames(plain, Map.of("DISPLAY", ":0")));
        assertEquals(List.of("headless"), Main.featureNames(command, Map.of("DISPLAY", ":0")));
        LauncherOptions shell = LauncherOptions.parse(new String[] {"--shell", "--headless"}, Map.of("DISPLAY", ":0"), HOME);
        assertEquals(List.of("headless", "shell"), Main.featureNames(shell, Map.of("DISPLAY", ":0")));
    }
}
