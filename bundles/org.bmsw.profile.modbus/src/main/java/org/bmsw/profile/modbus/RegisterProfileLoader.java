package org.bmsw.profile.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.bmsw.can.dbc.telemetry.TelemetryField;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.profile.modbus.RegisterProfile.Block;
import org.bmsw.profile.modbus.RegisterProfile.Field;
import org.bmsw.profile.modbus.internal.JsonPositions;
import org.bmsw.profile.modbus.internal.ProfileShape;
import org.bmsw.transport.api.CanFrame;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a register profile strictly and reports every problem at once, each with its JSON path, line and column:
 * malformed JSON, duplicate members, unknown fields, missing required fields, values of the wrong kind, then the
 * consistency of what is left (positions inside their blocks, overlapping registers, references between sections).
 * The format is described for editors by the JSON Schema {@value #JSON_SCHEMA_RESOURCE} in this bundle.
 */
public final class RegisterProfileLoader {

    /** Class-path resource of the JSON Schema (draft 2020-12) describing profile files. */
    public static final String JSON_SCHEMA_RESOURCE = "/org/bmsw/profile/modbus/register-profile.schema.json";

    private static final Set<String> TYPES = Set.of("u16", "s16", "u32", "s32");
    /** Registers in one block; beyond 125 the Modbus master splits the read. */
    static final int MAX_BLOCK = 1000;
    private static final Set<String> SEVERITIES = Set.of("normal", "warning", "fault");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    /**
     * @param source name for messages (file name or bundle entry)
     * @throws ProfileFormatException with every problem found
     */
    public RegisterProfile load(String source, InputStream in) throws ProfileFormatException {
        byte[] json;
        try {
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new ProfileFormatException(List.of(new ProfileProblem(source, "", -1, -1,
                    "cannot be read: " + e.getMessage())));
        }
        return load(source, json);
    }

    /** @throws ProfileFormatException with every problem found */
    public RegisterProfile load(String source, byte[] json) throws ProfileFormatException {
        Result result = read(source, json);
        if (!result.problems().isEmpty()) {
            throw new ProfileFormatException(result.problems());
        }
        return result.profile();
    }

    /** Every problem of the document; an empty list when it loads. */
    public List<ProfileProblem> validate(String source, byte[] json) {
        return read(source, json).problems();
    }

    /** The profile when it loads (else null), and every problem found. */
    public record Result(RegisterProfile profile, List<ProfileProblem> problems) {
    }

    public Result read(String source, byte[] json) {
        JsonPositions positions;
        JsonNode tree;
        try {
            positions = JsonPositions.of(json);
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Result(null, List.of(new ProfileProblem(source, "", at == null ? -1 : at.getLineNr(),
                    at == null ? -1 : at.getColumnNr(), "malformed JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            return new Result(null, List.of(new ProfileProblem(source, "", -1, -1, "cannot be read: " + e.getMessage())));
        }
        List<ProfileShape.Problem> found = ProfileShape.check(tree, RegisterProfile.class,
                Set.of(RegisterProfile.FlagDef.class));
        RegisterProfile profile = null;
        if (found.isEmpty()) {
            try {
                profile = MAPPER.treeToValue(tree, RegisterProfile.class);
                found = check(profile);
            } catch (JsonMappingException e) {
                found = List.of(new ProfileShape.Problem(path(e), e.getOriginalMessage()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                found = List.of(new ProfileShape.Problem("$", e.getMessage()));
            }
        }
        List<ProfileProblem> problems = new ArrayList<>();
        for (ProfileShape.Problem p : found) {
            JsonLocation at = positions.locate(p.path());
            problems.add(new ProfileProblem(source, p.path(), at == null ? -1 : at.getLineNr(),
                    at == null ? -1 : at.getColumnNr(), p.message()));
        }
        problems.sort(Comparator.comparingInt(ProfileProblem::line).thenComparingInt(ProfileProblem::column));
        return new Result(problems.isEmpty() ? profile : null, List.copyOf(problems));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    /** Collects problems with their paths. */
    private static final class Problems {
        final List<ProfileShape.Problem> list = new ArrayList<>();

        void add(String path, String message) {
            list.add(new ProfileShape.Problem(path, message));
        }

        void require(boolean ok, String path, String message) {
            if (!ok) {
                add(path, message);
            }
        }
    }

    /** Every inconsistency of a bound profile, each with its JSON path. */
    static List<ProfileShape.Problem> check(RegisterProfile p) {
        Problems problems = new Problems();
        problems.require(RegisterProfile.FORMAT.equals(p.format()), "$.format",
                "must be \"" + RegisterProfile.FORMAT + "\", is \"" + p.format() + "\"");
        problems.require(p.id().matches("[a-z0-9][a-z0-9._-]*"), "$.id",
                "lower-case letters, digits, '.', '-', '_' (starting with a letter or digit), is '" + p.id() + "'");
        checkIdentify(problems, p.identify());
        Map<String, Block> blocks = new java.util.HashMap<>();
        for (int i = 0; i < p.blocks().size(); i++) {
            Block b = p.blocks().get(i);
            String at = "$.blocks[" + i + "]";
            problems.require(b.function() == 3 || b.function() == 4, at + ".function", "3 (holding) or 4 (input), is "
                    + b.function());
            problems.require(b.register() >= 0 && b.register() + b.count() <= 0x10000, at + ".register",
                    "the block must lie within registers 0..65535");
            problems.require(b.count() >= 1 && b.count() <= MAX_BLOCK, at + ".count",
                    "1.." + MAX_BLOCK + " registers (more than 125 are read in several requests), is " + b.count());
            if (blocks.put(b.id(), b) != null) {
                problems.add(at + ".id", "duplicate block id '" + b.id() + "'");
            }
            for (int j = 0; j < i; j++) {
                Block o = p.blocks().get(j);
                if (o.function() == b.function() && b.register() < o.register() + o.count()
                        && o.register() < b.register() + b.count()) {
                    problems.add(at, "registers overlap block '" + o.id() + "' ($.blocks[" + j + "])");
                }
            }
        }
        WordClaims claims = new WordClaims(problems);
        p.telemetry().forEach((key, field) -> {
            problems.require(RegisterProfile.PACK_FIELDS.contains(key), "$.telemetry." + key,
                    "unknown key (known: " + RegisterProfile.PACK_FIELDS + ")");
            checkField(problems, claims, "$.telemetry." + key, field, blocks);
        });
        if (p.cells() != null) {
            var c = p.cells();
            problems.require(c.max() >= 1, "$.cells.max", "at least 1");
            problems.require(c.scale() != 0.0, "$.cells.scale", "must not be 0");
            checkRange(problems, claims, "$.cells", c.block(), c.at(), Math.max(1, c.max()) * words(c.type()), c.type(), blocks);
            problems.require(c.countField() == null || p.telemetry().containsKey(c.countField()), "$.cells.countField",
                    "no telemetry field '" + c.countField() + "'");
            problems.require(c.moduleSize() == null || c.moduleSize() >= 1, "$.cells.moduleSize", "at least 1");
            if (c.balancing() != null) {
                checkRange(problems, claims, "$.cells.balancing", c.balancing().block(), c.balancing().at(),
                        c.balancing().words(), "u16", blocks);
                problems.require(c.balancing().words() * 16 >= c.max(), "$.cells.balancing.words",
                        "too few bits for " + c.max() + " cells");
            }
            if (c.moduleCounts() != null) {
                checkRange(problems, claims, "$.cells.moduleCounts", c.moduleCounts().block(), c.moduleCounts().at(),
                        c.moduleCounts().words(), "u16", blocks);
            }
        }
        if (p.temperatures() != null) {
            var t = p.temperatures();
            problems.require(t.count() >= 1, "$.temperatures.count", "at least 1");
            problems.require(t.scale() != 0.0, "$.temperatures.scale", "must not be 0");
            checkRange(problems, claims, "$.temperatures", t.block(), t.at(), Math.max(1, t.count()) * words(t.type()),
                    t.type(), blocks);
            problems.require(t.labels() == null || t.labels().size() <= t.count(), "$.temperatures.labels",
                    "more labels than the " + t.count() + " probes");
            if (t.moduleCounts() != null) {
                checkRange(problems, claims, "$.temperatures.moduleCounts", t.moduleCounts().block(),
                        t.moduleCounts().at(), t.moduleCounts().words(), "u16", blocks);
            }
        }
        Set<String> flagKeys = checkFlags(problems, claims, p, blocks);
        Set<String> quantityKeys = new HashSet<>();
        for (int i = 0; i < p.quantities().size(); i++) {
            var q = p.quantities().get(i);
            problems.require(quantityKeys.add(q.key()), "$.quantities[" + i + "].key", "duplicate quantity '" + q.key() + "'");
            checkField(problems, claims, "$.quantities[" + i + "].field", q.field(), blocks);
        }
        for (int i = 0; i < p.quantities().size(); i++) {
            var q = p.quantities().get(i);
            for (int j = 0; j < q.flagWhen().size(); j++) {
                var rule = q.flagWhen().get(j);
                String at = "$.quantities[" + i + "].flagWhen[" + j + "]";
                problems.require(rule.differsFrom() == null || quantityKeys.contains(rule.differsFrom()),
                        at + ".differsFrom", "no quantity '" + rule.differsFrom() + "'");
                problems.require(rule.onlyWhile() == null || flagKeys.contains(rule.onlyWhile()), at + ".onlyWhile",
                        "no flag '" + rule.onlyWhile() + "' (GROUP.KEY)");
                problems.require(rule.differsFrom() != null || rule.onlyWhile() != null, at,
                        "needs differsFrom or onlyWhile");
                problems.require(rule.differsFrom() == null || rule.moreThan() != null, at + ".moreThan",
                        "needed with differsFrom");
            }
        }
        Set<String> commandKeys = new HashSet<>();
        for (int i = 0; i < p.commands().size(); i++) {
            var c = p.commands().get(i);
            String at = "$.commands[" + i + "]";
            problems.require(commandKeys.add(c.key()), at + ".key", "duplicate command '" + c.key() + "'");
            problems.require(c.value() >= 0 && c.value() <= 0xFFFF, at + ".value", "0..65535, is " + c.value());
            problems.require(c.register() >= 0 && c.register() <= 0xFFFF, at + ".register", "0..65535, is " + c.register());
        }
        if (p.persist() != null) {
            problems.require(p.persist().register() >= 0 && p.persist().register() <= 0xFFFF, "$.persist.register", "0..65535");
            problems.require(p.persist().value() >= 0 && p.persist().value() <= 0xFFFF, "$.persist.value", "0..65535");
        }
        if (p.calibration() != null) {
            problems.require(TYPES.contains(p.calibration().gainType()), "$.calibration.gainType", "one of " + TYPES);
            problems.require(Math.abs(p.calibration().chargingSign()) == 1, "$.calibration.chargingSign", "1 or -1");
            problems.require(p.calibration().gainScale() != 0.0, "$.calibration.gainScale", "must not be 0");
        }
        if (p.firmware() != null) {
            checkFirmware(problems, p.firmware());
        }
        if (p.can() != null) {
            checkCan(problems, p.can());
        }
        problems.require(p.parameters() == null || isFileName(p.parameters()), "$.parameters",
                "a file name beside the profile, without folders");
        return problems.list;
    }

    private static void checkIdentify(Problems problems, RegisterProfile.Identify identify) {
        problems.require(identify.function() == 3 || identify.function() == 4, "$.identify.function", "3 or 4");
        problems.require(identify.count() >= 1 && identify.count() <= 125, "$.identify.count", "1..125");
        problems.require((identify.ascii() == null) != (identify.models() == null), "$.identify",
                "give either 'ascii' (one model) or 'models' (several), not both or neither");
        problems.require(identify.models() == null || !identify.models().isEmpty(), "$.identify.models",
                "at least one model");
        Pattern pattern = null;
        if (identify.pattern() != null) {
            try {
                pattern = Pattern.compile(identify.pattern());
            } catch (PatternSyntaxException e) {
                problems.add("$.identify.pattern", "not a regular expression: " + e.getDescription());
            }
        }
        for (String model : identify.accepted()) {
            problems.require(model.length() <= 2 * identify.count(), "$.identify", "model '" + model
                    + "' is longer than " + identify.count() + " registers hold");
            problems.require(pattern == null || pattern.matcher(model).matches(), "$.identify.pattern",
                    "the example model '" + model + "' does not match it");
        }
    }

    private static Set<String> checkFlags(Problems problems, WordClaims claims, RegisterProfile p,
                                          Map<String, Block> blocks) {
        Set<String> flagKeys = new HashSet<>();
        for (int i = 0; i < p.flags().size(); i++) {
            var f = p.flags().get(i);
            String at = "$.flags[" + i + "]";
            problems.require(f.bitsPerFlag() == 1 || f.bitsPerFlag() == 2, at + ".bitsPerFlag", "1 or 2");
            problems.require(SEVERITIES.contains(f.severity()), at + ".severity", "one of " + SEVERITIES);
            problems.require(f.words() >= 1, at + ".words", "at least 1");
            problems.require(f.items().size() * Math.max(1, f.bitsPerFlag()) <= f.words() * 16, at + ".items",
                    "more flags than " + f.words() + " register(s) hold");
            if (!checkRange(problems, null, at, f.block(), f.at(), f.words(), "u16", blocks)) {
                continue;
            }
            for (int j = 0; j < f.items().size(); j++) {
                var item = f.items().get(j);
                if (item == null) {
                    continue;
                }
                if (!flagKeys.add(f.group() + "." + item.key())) {
                    problems.add(at + ".items[" + j + "]", "duplicate flag " + f.group() + "." + item.key());
                }
                int bit = j * Math.max(1, f.bitsPerFlag());
                if (bit / 16 < f.words()) {
                    claims.bits(f.block(), f.at() + bit / 16, ((1 << Math.max(1, f.bitsPerFlag())) - 1) << (bit % 16),
                            at + ".items[" + j + "]");
                }
            }
        }
        return flagKeys;
    }

    private static void checkFirmware(Problems problems, RegisterProfile.Firmware f) {
        problems.require(f.register() >= 0 && f.register() <= 0xFFFF, "$.firmware.register", "0..65535");
        problems.require(f.value() >= 0 && f.value() <= 0xFFFF, "$.firmware.value", "0..65535");
        problems.require(!f.hardwareRevision().isBlank(), "$.firmware.hardwareRevision", "missing");
        problems.require(!f.flashMap().isEmpty(), "$.firmware.flashMap", "at least one region");
        List<FirmwareUpdateSupport.FlashRegion> regions = new ArrayList<>(f.flashMap());
        regions.sort(Comparator.comparingLong(FirmwareUpdateSupport.FlashRegion::start));
        for (int i = 0; i < regions.size(); i++) {
            var r = regions.get(i);
            problems.require(r.start() >= 0 && r.size() > 0 && r.start() + r.size() <= 0x1_0000_0000L,
                    "$.firmware.flashMap", "region at " + r.start() + " must have a positive size inside 32-bit addresses");
            if (i > 0) {
                var before = regions.get(i - 1);
                problems.require(before.start() + before.size() <= r.start(), "$.firmware.flashMap",
                        "regions at " + before.start() + " and " + r.start() + " overlap");
            }
        }
    }

    /** The can section on its own; what it says about the DBC is checked against the DBC by {@link RegisterProfiles}. */
    private static void checkCan(Problems problems, RegisterProfile.Can can) {
        problems.require(isFileName(can.dbc()) && can.dbc().endsWith(".dbc"), "$.can.dbc",
                "a file name ending in .dbc beside the profile, without folders, is '" + can.dbc() + "'");
        problems.require(can.bitrate() >= 1000 && can.bitrate() <= 1_000_000, "$.can.bitrate",
                "1000..1000000 bit/s, is " + can.bitrate());
        problems.require(!can.identify().message().isBlank(), "$.can.identify.message", "missing");
        problems.require(!can.identify().signal().isBlank(), "$.can.identify.signal", "missing");
        can.fields().forEach((signal, field) -> {
            String at = "$.can.fields." + signal;
            problems.require(signal.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*"), at,
                    "a key is \"Message.Signal\" as the DBC names them, is '" + signal + "'");
            try {
                TelemetryField.parse(field);
            } catch (IllegalArgumentException e) {
                problems.add(at, e.getMessage());
            }
        });
        RegisterProfile.Xcp xcp = can.xcp();
        if (xcp != null) {
            int max = xcp.extended() ? CanFrame.MAX_EXTENDED_ID : CanFrame.MAX_STANDARD_ID;
            String bits = xcp.extended() ? "29-bit" : "11-bit (extended: false)";
            problems.require(xcp.requestId() >= 0 && xcp.requestId() <= max, "$.can.xcp.requestId",
                    "0.." + max + " for " + bits + " identifiers, is " + xcp.requestId());
            problems.require(xcp.responseId() >= 0 && xcp.responseId() <= max, "$.can.xcp.responseId",
                    "0.." + max + " for " + bits + " identifiers, is " + xcp.responseId());
            problems.require(xcp.requestId() != xcp.responseId(), "$.can.xcp.responseId",
                    "must differ from the requestId " + xcp.requestId());
            problems.require(xcp.segment() >= 0 && xcp.segment() <= 255, "$.can.xcp.segment", "0..255, is " + xcp.segment());
            problems.require(xcp.ramPage() >= 0 && xcp.ramPage() <= 255, "$.can.xcp.ramPage", "0..255, is " + xcp.ramPage());
            problems.require(xcp.flashPage() >= 0 && xcp.flashPage() <= 255, "$.can.xcp.flashPage",
                    "0..255, is " + xcp.flashPage());
            problems.require(xcp.ramPage() != xcp.flashPage(), "$.can.xcp.flashPage",
                    "must differ from the ramPage " + xcp.ramPage());
        }
    }

    private static boolean isFileName(String name) {
        return !name.isBlank() && !name.contains("/") && !name.contains("\\");
    }

    private static void checkField(Problems problems, WordClaims claims, String at, Field f, Map<String, Block> blocks) {
        checkRange(problems, claims, at, f.block(), f.at(), f.words(), f.type(), blocks);
        problems.require(f.scale() == null || f.scale() != 0.0, at + ".scale", "must not be 0");
    }

    /** @return whether the range lies inside its block */
    private static boolean checkRange(Problems problems, WordClaims claims, String at, String blockId, int offset,
                                      int words, String type, Map<String, Block> blocks) {
        problems.require(TYPES.contains(type), at + ".type", "one of " + TYPES + ", is " + type);
        Block block = blocks.get(blockId);
        if (block == null) {
            problems.add(at + ".block", "no block '" + blockId + "' (blocks: " + blocks.keySet() + ")");
            return false;
        }
        if (offset < 0 || offset + words > block.count()) {
            problems.add(at + ".at", "words " + offset + ".." + (offset + words - 1) + " lie outside block '" + blockId
                    + "' of " + block.count() + " registers");
            return false;
        }
        if (claims != null) {
            for (int w = 0; w < words; w++) {
                claims.bits(blockId, offset + w, 0xFFFF, at);
            }
        }
        return true;
    }

    /** Which element reads each bit of each block register, so that two elements never read the same bits. */
    private static final class WordClaims {
        private final Problems problems;
        /** Owner (JSON path) of each bit, by block and register offset. */
        private final Map<String, Map<Integer, String[]>> owners = new java.util.HashMap<>();
        private final Set<String> reported = new HashSet<>();

        WordClaims(Problems problems) {
            this.problems = problems;
        }

        void bits(String block, int word, int mask, String owner) {
            String[] bits = owners.computeIfAbsent(block, b -> new java.util.HashMap<>()).computeIfAbsent(word,
                    w -> new String[16]);
            for (int bit = 0; bit < 16; bit++) {
                if ((mask & (1 << bit)) == 0) {
                    continue;
                }
                if (bits[bit] == null) {
                    bits[bit] = owner;
                } else if (!bits[bit].equals(owner) && reported.add(owner)) {
                    problems.add(owner, "register " + word + " of block '" + block + "' is already read by " + bits[bit]
                            + " (overlapping registers)");
                }
            }
        }
    }

    private static int words(String type) {
        return type != null && type.endsWith("32") ? 2 : 1;
    }
}
