package org.bmsw.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bmsw.device.api.PackState;
import org.bmsw.device.api.Severity;
import org.bmsw.schema.Comparison;
import org.bmsw.schema.WriteReport;
import org.bmsw.workbench.ui.FlagLamps;
import org.junit.jupiter.api.Test;

/** Every string the window shows exists in English and in Chinese, with the same placeholders. */
class MessagesTest {

    private static final Pattern LITERAL_KEY = Pattern.compile(
            "\"((?:status|bar|menu|about|dialog|page|overview|flags|cells|params|controls)\\.[A-Za-z0-9_.]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\d+\\$)?[sd%]");

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(zh.getProperty(key)), key);
            assertFalse(zh.getProperty(key).isBlank(), key);
        }
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Properties en = load("messages.properties");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(source));
                while (m.find()) {
                    String key = m.group(1);
                    boolean prefix = key.endsWith(".");
                    if (!prefix && en.getProperty(key) == null && !key.startsWith("cells.table")) {
                        missing.add(source.getFileName() + ": " + key);
                    }
                }
            }
        }
        List<String> dynamic = new ArrayList<>();
        for (String field : List.of("voltage", "current", "power", "fcc", "rc", "soh", "cycles", "runtime", "type",
                "cellcount", "vmax", "vmin", "spread", "tmax", "tmin")) {
            dynamic.add("overview.field." + field);
        }
        for (PackState.Direction d : PackState.Direction.values()) {
            dynamic.add("overview.direction." + d.name().toLowerCase(Locale.ROOT));
        }
        for (Severity s : Severity.values()) {
            dynamic.add("overview.state." + s.name().toLowerCase(Locale.ROOT));
        }
        for (FlagLamps.Kind kind : FlagLamps.Kind.values()) {
            for (int level = 0; level < (kind == FlagLamps.Kind.LEVELED ? 4 : 2); level++) {
                dynamic.add("flags.legend." + kind.name().toLowerCase(Locale.ROOT) + "." + level);
            }
        }
        for (ConnectionController.State s : ConnectionController.State.values()) {
            dynamic.add("bar.state." + s.name().toLowerCase(Locale.ROOT));
        }
        for (WriteReport.Outcome o : WriteReport.Outcome.values()) {
            dynamic.add("params.report.outcome." + o.name());
        }
        for (Comparison.Status s : Comparison.Status.values()) {
            dynamic.add("params.compare.status." + s.name());
        }
        for (String level : List.of("user", "engineer", "factory")) {
            dynamic.add("params.access." + level);
        }
        for (String field : List.of("count", "modules", "average", "spread", "balancing")) {
            dynamic.add("cells.field." + field);
        }
        dynamic.stream().filter(k -> en.getProperty(k) == null).forEach(missing::add);
        assertTrue(missing.isEmpty(), "missing messages: " + missing);
    }

    @Test
    void messagesFormatInBothLanguages() {
        assertEquals("Connecting to serial:/dev/ttyUSB0 at 9600 bit/s, address 1 ...",
                Messages.format(Locale.ENGLISH, "status.connecting", "serial:/dev/ttyUSB0", 9600, 1));
        assertEquals("正在连接 serial:/dev/ttyUSB0，波特率 9600，地址 1 ……",
                Messages.format(Messages.CHINESE, "status.connecting", "serial:/dev/ttyUSB0", 9600, 1));
        assertEquals("已从 BMS 读取 5 个参数。", Messages.format(Messages.CHINESE, "params.status.read", 5, "BMS"));
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int position = 0;
        while (m.find()) {
            String conversion = m.group().substring(m.group().length() - 1);
            position = m.group(1) == null ? position + (conversion.equals("%") ? 0 : 1)
                    : Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1));
            if (!conversion.equals("%")) {
                found.add(position + conversion);
            }
        }
        found.sort(null);
        return found;
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/bmsw/workbench/internal/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
