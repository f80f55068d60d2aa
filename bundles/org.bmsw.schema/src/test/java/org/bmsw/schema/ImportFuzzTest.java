package org.bmsw.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property tests of import: whatever the bytes, reading never throws, a file with any error yields no
 * values, and nothing reaches the device unless the file and the whole resulting set are valid.
 */
class ImportFuzzTest {

    private static final long SEED = 0x5EED_2024_0326L;
    private static final int CASES = 3000;
    private static final DeviceIdentity DEVICE = new DeviceIdentity("smartbms.v4", "SMARTBMS-V4", "35-7-3", "", "",
            1, false);
    private static final ValidationContext CONTEXT = new ValidationContext(AccessLevel.ENGINEER, "NMC");
    private static final byte[][] TOKENS = {
        "{".getBytes(), "}".getBytes(), "[".getBytes(), "]".getBytes(), ",".getBytes(), ":".getBytes(), "\"".getBytes(),
        "\\".getBytes(), "-".getBytes(), "0".getBytes(), "1e999".getBytes(), "null".getBytes(), "true".getBytes(),
        "NaN".getBytes(), {0}, {(byte) 0xC0}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "\"COV\": {\"value\": 1, \"unit\": \"mV\"},".getBytes(), "9999999999999999999999".getBytes(), "\n".getBytes(),
        "单".getBytes(StandardCharsets.UTF_8), "\"unit\": \"V\"".getBytes(), "1".repeat(200).getBytes()
    };

    private final ParameterSchema schema = Fixtures.smartBms();
    private final ParameterValidator validator = new ParameterValidator(schema);

    @TempDir
    Path backups;

    enum Mutation { FLIP_BIT, RANDOM_BYTE, TRUNCATE, DUPLICATE_SLICE, DELETE_SLICE, INSERT_TOKEN, CHANGE_DIGIT, SWAP_LINES, DUPLICATE_LINE }

    enum Result { REJECTED, UNCHANGED, WRITTEN, REFUSED }

    private List<byte[]> seeds() {
        OffsetDateTime t = OffsetDateTime.parse("2024-03-26T16:46:21+08:00");
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(ParameterFiles.toJson(schema, ParameterFiles.export(schema, DEVICE, ManualValues.english(), List.of(), t))
                .getBytes(StandardCharsets.UTF_8));
        seeds.add(ParameterFiles.toJson(schema, ParameterFiles.export(schema, DEVICE, ManualValues.english(),
                List.of("PROTECT"), t)).getBytes(StandardCharsets.UTF_8));
        seeds.add(ParameterFiles.toJson(schema, ParameterFiles.export(schema, DEVICE, ManualValues.english(),
                List.of("SLEEP", "ALARM"), t)).getBytes(StandardCharsets.UTF_8));
        for (String line : new String(Fixtures.resource("import-corpus/index.tsv"), StandardCharsets.UTF_8).lines().toList()) {
            if (!line.startsWith("#") && !line.isBlank()) {
                seeds.add(Fixtures.resource("import-corpus/" + line.split("\t")[0]));
            }
        }
        return seeds;
    }

    static byte[] mutate(byte[] in, Mutation m, Random r) {
        int n = in.length;
        if (n == 0) {
            return TOKENS[r.nextInt(TOKENS.length)].clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        switch (m) {
            case FLIP_BIT -> {
                byte[] b = in.clone();
                b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                return b;
            }
            case RANDOM_BYTE -> {
                byte[] b = in.clone();
                b[r.nextInt(n)] = (byte) r.nextInt(256);
                return b;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(in, r.nextInt(n));
            }
            case DUPLICATE_SLICE -> {
                int from = r.nextInt(n);
                int len = Math.min(n - from, 1 + r.nextInt(200));
                int at = r.nextInt(n + 1);
                out.write(in, 0, at);
                out.write(in, from, len);
                out.write(in, at, n - at);
                return out.toByteArray();
            }
            case DELETE_SLICE -> {
                int from = r.nextInt(n);
                int len = Math.min(n - from, 1 + r.nextInt(50));
                out.write(in, 0, from);
                out.write(in, from + len, n - from - len);
                return out.toByteArray();
            }
            case INSERT_TOKEN -> {
                byte[] t = TOKENS[r.nextInt(TOKENS.length)];
                int at = r.nextInt(n + 1);
                out.write(in, 0, at);
                out.write(t, 0, t.length);
                out.write(in, at, n - at);
                return out.toByteArray();
            }
            case CHANGE_DIGIT -> {
                byte[] b = in.clone();
                for (int tries = 0; tries < 50; tries++) {
                    int i = r.nextInt(n);
                    if (b[i] >= '0' && b[i] <= '9') {
                        b[i] = (byte) ('0' + r.nextInt(10));
                        break;
                    }
                }
                return b;
            }
            case SWAP_LINES, DUPLICATE_LINE -> {
                List<String> lines = new ArrayList<>(new String(in, StandardCharsets.ISO_8859_1).lines().toList());
                if (lines.size() < 2) {
                    return in.clone();
                }
                int a = r.nextInt(lines.size());
                int b = r.nextInt(lines.size());
                if (m == Mutation.SWAP_LINES) {
                    String x = lines.get(a);
                    lines.set(a, lines.get(b));
                    lines.set(b, x);
                } else {
                    lines.add(b, lines.get(a));
                }
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> throw new AssertionError(m);
        }
    }

    /** What the CLI does: import, and only a file without errors goes to the safe batch write. */
    private Result importAndWrite(byte[] bytes, String name) {
        FakeDevice device = new FakeDevice(schema, ManualValues.english(), false);
        ImportResult r = ParameterFiles.read(schema, bytes, name);
        if (r.parameterFile().isEmpty()) {
            assertNull(r.file());
            assertFalse(r.errors().isEmpty(), name);
            for (ImportProblem p : r.errors()) {
                assertEquals(name, p.source());
                assertTrue(p.line() == -1 || p.line() >= 1, p.toString());
                assertFalse(p.message().english().isBlank());
            }
            assertEquals(0, device.writeCalls, name);
            return Result.REJECTED;
        }
        ParameterFile file = r.file();
        assertTrue(r.errors().isEmpty());
        for (Map.Entry<String, Double> e : file.values().entrySet()) {
            assertEquals(List.of(), validator.validateStoredValue(e.getKey(), e.getValue()), name + " accepted a bad value");
        }
        WriteReport w = new SafeBatchWriter(schema).write(device, DEVICE,
                new WriteRequest(file.values(), CONTEXT, Set.of(), backups, false));
        Map<String, Double> now = device.values();
        switch (w.outcome()) {
            case WRITTEN -> {
                // whatever reached the device is a valid, coherent set
                assertEquals(List.of(), validator.validateSet(now, now, CONTEXT).problems(), name);
                return Result.WRITTEN;
            }
            case UNCHANGED, REFUSED -> {
                assertEquals(0, device.writeCalls, name + " " + w.outcome());
                return w.outcome() == WriteReport.Outcome.UNCHANGED ? Result.UNCHANGED : Result.REFUSED;
            }
            default -> {
                fail(name + ": unexpected " + w.outcome() + " " + w.summary().english());
                return null;
            }
        }
    }

    @Test
    void randomMutationsNeverThrowAndNeverWriteAnInvalidSet() {
        Random random = new Random(SEED);
        List<byte[]> seeds = seeds();
        Map<Result, Integer> results = new EnumMap<>(Result.class);
        Mutation[] all = Mutation.values();
        for (int i = 0; i < CASES; i++) {
            // mostly the valid exports (3 first seeds), sometimes a malformed corpus file
            byte[] bytes = random.nextInt(10) < 7 ? seeds.get(random.nextInt(3)) : seeds.get(3 + random.nextInt(seeds.size() - 3));
            int rounds = 1 + random.nextInt(3);
            StringBuilder how = new StringBuilder();
            for (int k = 0; k < rounds; k++) {
                Mutation m = all[random.nextInt(all.length)];
                how.append(m).append(' ');
                bytes = mutate(bytes, m, random);
            }
            String name = "fuzz-" + i + ".json";
            Result res;
            try {
                res = importAndWrite(bytes, name);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ", " + how + "): " + e.getMessage(), e);
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " (seed " + SEED + ", " + how + ") threw " + t, t);
            }
            results.merge(res, 1, Integer::sum);
        }
        // both paths are exercised: most mutations are rejected, some valid files change values
        assertTrue(results.getOrDefault(Result.REJECTED, 0) > CASES / 2, results.toString());
        assertTrue(results.getOrDefault(Result.WRITTEN, 0) + results.getOrDefault(Result.REFUSED, 0) > 20, results.toString());
        assertTrue(results.getOrDefault(Result.UNCHANGED, 0) > 20, results.toString());
    }

    @Test
    void everyTruncationOfAFileIsRejected() {
        byte[] full = ParameterFiles.toJson(schema, ParameterFiles.export(schema, DEVICE, ManualValues.english(),
                List.of("SLEEP"), OffsetDateTime.parse("2024-03-26T16:46:21+08:00"))).getBytes(StandardCharsets.UTF_8);
        int lastBrace = new String(full, StandardCharsets.UTF_8).lastIndexOf('}');
        int end = new String(full, StandardCharsets.UTF_8).substring(0, lastBrace).getBytes(StandardCharsets.UTF_8).length;
        for (int cut = 0; cut <= end; cut++) {
            assertEquals(Result.REJECTED, importAndWrite(Arrays.copyOf(full, cut), "cut-" + cut + ".json"), "cut " + cut);
        }
        assertEquals(Result.UNCHANGED, importAndWrite(full, "full.json"));
    }

    @Test
    void theImportResultCannotCarryValuesAlongWithErrors() {
        ImportProblem error = new ImportProblem(ImportProblem.Severity.ERROR, "f.json", "COV", 1, 1,
                org.bmsw.device.api.LocalizedText.of("bad"));
        ParameterFile file = new ParameterFile(1, "smartbms.v4", "", "", null, "", null, List.of(), Map.of("COV", 1.0), "");
        try {
            new ImportResult("f.json", file, List.of(error));
            fail("accepted a file with an error");
        } catch (IllegalArgumentException expected) {
            // the type itself forbids it
        }
    }
}
