package org.bmsw.profile.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an editor says about profile files, through an independent JSON Schema implementation (Debian's
 * python3-jsonschema): the full example is valid, and what the loader refuses for its shape the schema refuses too.
 */
class JsonSchemaEditorTest {

    private static final String PYTHON = "/usr/bin/python3";

    private static Path copy(Path dir, String resource, String from) throws Exception {
        Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = JsonSchemaEditorTest.class.getResourceAsStream(from)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<String> validate(Path schema, Path... files) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail("/usr/bin/python3 with python3-jsonschema is needed (apt-get install -y python3-jsonschema)");
        }
        Path script = schema.resolveSibling("validate_schema.py");
        if (!Files.exists(script)) {
            copy(schema.getParent(), "validate_schema.py", "validate_schema.py");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), schema.toString()));
        for (Path f : files) {
            command.add(f.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void theSchemaAcceptsWhatTheLoaderAcceptsAndRefusesTheShapesItRefuses(@TempDir Path dir) throws Exception {
        Path schema = copy(dir, "register-profile.schema.json", RegisterProfileLoader.JSON_SCHEMA_RESOURCE);
        Path full = copy(dir, "full.profile.json", "full.profile.json");
        String text = Files.readString(full);
        Path unknown = dir.resolve("unknown.profile.json");
        Files.writeString(unknown, text.replace("\"baud\": 19200", "\"baud\": 19200, \"speed\": 1"));
        Path missing = dir.resolve("missing.profile.json");
        Files.writeString(missing, text.replace("\"register\": 500, \"count\": 4,", "\"register\": 500,"));
        Path wrongType = dir.resolve("type.profile.json");
        Files.writeString(wrongType, text.replace("\"max\": 8", "\"max\": \"8\""));

        List<String> lines = validate(schema, full, unknown, missing, wrongType);
        assertEquals("OK " + full, lines.get(0));
        assertTrue(lines.get(1).startsWith("INVALID " + unknown + ": $.link:") && lines.get(1).contains("speed"), lines.get(1));
        assertTrue(lines.get(2).startsWith("INVALID " + missing + ": $.identify:") && lines.get(2).contains("count"), lines.get(2));
        assertTrue(lines.get(3).startsWith("INVALID " + wrongType + ": $.cells.max:"), lines.get(3));

        RegisterProfileLoader loader = new RegisterProfileLoader();
        assertTrue(loader.validate("full", Files.readAllBytes(full)).isEmpty());
        for (Path bad : List.of(unknown, missing, wrongType)) {
            assertEquals(1, loader.validate(bad.toString(), Files.readAllBytes(bad)).size(), bad.toString());
        }
    }
}
