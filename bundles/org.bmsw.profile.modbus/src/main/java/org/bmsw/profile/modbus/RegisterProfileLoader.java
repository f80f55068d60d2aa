package org.bmsw.profile.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.profile.modbus.RegisterProfile.Block;
import org.bmsw.profile.modbus.RegisterProfile.Field;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads a register profile strictly: unknown fields, duplicates and inconsistent positions are errors. */
public final class RegisterProfileLoader {

    private static final Set<String> TYPES = Set.of("u16", "s16", "u32", "s32");
    /** Registers in one block; beyond 125 the Modbus master splits the read. */
    static final int MAX_BLOCK = 1000;
    private static final Set<String> SEVERITIES = Set.of("normal", "warning", "fault");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    /**
     * @param source name for messages (file name or bundle entry)
     */
    public RegisterProfile load(String source, InputStream in) throws ProfileFormatException {
        RegisterProfile profile;
        try {
            profile = mapper.readValue(in, RegisterProfile.class);
        } catch (JsonMappingException e) {
            throw new ProfileFormatException(source + " " + where(e.getLocation()) + " at " + path(e) + ": "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ProfileFormatException(source + " " + where(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ProfileFormatException(source + ": cannot be read: " + e.getMessage(), e);
        }
        List<String> problems = check(profile);
        if (!problems.isEmpty()) {
            throw new ProfileFormatException(source + ": " + String.join("; ", problems));
        }
        return profile;
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    /** Every inconsistency, each with its JSON path. */
    static List<String> check(RegisterProfile p) {
        List<String> problems = new ArrayList<>();
        if (!RegisterProfile.FORMAT.equals(p.format())) {
            problems.add("$.format: must be \"" + RegisterProfile.FORMAT + "\", is \"" + p.format() + "\"");
        }
        require(problems, p.id() != null && p.id().matches("[a-z0-9][a-z0-9._-]*"), "$.id: lower-case letters, digits, '.', '-', '_'");
        require(problems, p.name() != null, "$.name: missing");
        require(problems, p.link() != null, "$.link: missing");
        require(problems, p.identify() != null, "$.identify: missing");
        if (p.identify() != null) {
            require(problems, p.identify().function() == 3 || p.identify().function() == 4, "$.identify.function: 3 or 4");
            require(problems, p.identify().count() >= 1 && p.identify().count() <= 125, "$.identify.count: 1..125");
            require(problems, (p.identify().ascii() == null) != (p.identify().models() == null),
                    "$.identify: give either 'ascii' (one model) or 'models' (several), not both or neither");
            require(problems, p.identify().models() == null || !p.identify().models().isEmpty(),
                    "$.identify.models: at least one model");
            for (String model : p.identify().accepted()) {
                require(problems, model.length() <= 2 * p.identify().count(), "$.identify: model '" + model
                        + "' is longer than " + p.identify().count() + " registers hold");
            }
        }
        Map<String, Block> blocks = new java.util.HashMap<>();
        for (int i = 0; i < p.blocks().size(); i++) {
            Block b = p.blocks().get(i);
            String at = "$.blocks[" + i + "]";
            require(problems, b.function() == 3 || b.function() == 4, at + ".function: 3 (holding) or 4 (input)");
            require(problems, b.count() >= 1 && b.count() <= MAX_BLOCK,
                    at + ".count: 1.." + MAX_BLOCK + " registers (more than 125 are read in several requests)");
            if (blocks.put(b.id(), b) != null) {
                problems.add(at + ".id: duplicate block id '" + b.id() + "'");
            }
            for (int j = 0; j < i; j++) {
                Block o = p.blocks().get(j);
                if (o.function() == b.function() && b.register() < o.register() + o.count()
                        && o.register() < b.register() + b.count()) {
                    problems.add(at + ": registers overlap block '" + o.id() + "'");
                }
            }
        }
        p.telemetry().forEach((key, field) -> {
            require(problems, RegisterProfile.PACK_FIELDS.contains(key),
                    "$.telemetry." + key + ": unknown key (known: " + RegisterProfile.PACK_FIELDS + ")");
            checkField(problems, "$.telemetry." + key, field, blocks);
        });
        if (p.cells() != null) {
            var c = p.cells();
            checkRange(problems, "$.cells", c.block(), c.at(), c.max() * words(c.type()), c.type(), blocks);
            require(problems, c.countField() == null || p.telemetry().containsKey(c.countField()),
                    "$.cells.countField: no telemetry field '" + c.countField() + "'");
            if (c.balancing() != null) {
                checkRange(problems, "$.cells.balancing", c.balancing().block(), c.balancing().at(),
                        c.balancing().words(), "u16", blocks);
                require(problems, c.balancing().words() * 16 >= c.max(), "$.cells.balancing.words: too few bits for "
                        + c.max() + " cells");
            }
            if (c.moduleCounts() != null) {
                checkRange(problems, "$.cells.moduleCounts", c.moduleCounts().block(), c.moduleCounts().at(),
                        c.moduleCounts().words(), "u16", blocks);
            }
        }
        if (p.temperatures() != null) {
            var t = p.temperatures();
            checkRange(problems, "$.temperatures", t.block(), t.at(), t.count() * words(t.type()), t.type(), blocks);
            if (t.moduleCounts() != null) {
                checkRange(problems, "$.temperatures.moduleCounts", t.moduleCounts().block(), t.moduleCounts().at(),
                        t.moduleCounts().words(), "u16", blocks);
            }
        }
        Set<String> flagKeys = new HashSet<>();
        for (int i = 0; i < p.flags().size(); i++) {
            var f = p.flags().get(i);
            String at = "$.flags[" + i + "]";
            checkRange(problems, at, f.block(), f.at(), f.words(), "u16", blocks);
            require(problems, f.bitsPerFlag() == 1 || f.bitsPerFlag() == 2, at + ".bitsPerFlag: 1 or 2");
            require(problems, SEVERITIES.contains(f.severity()), at + ".severity: one of " + SEVERITIES);
            require(problems, f.items() != null && f.items().size() * Math.max(1, f.bitsPerFlag()) <= f.words() * 16,
                    at + ".items: more flags than " + f.words() + " register(s) hold");
            if (f.items() != null) {
                for (int j = 0; j < f.items().size(); j++) {
                    var item = f.items().get(j);
                    if (item != null && !flagKeys.add(f.group() + "." + item.key())) {
                        problems.add(at + ".items[" + j + "]: duplicate flag " + f.group() + "." + item.key());
                    }
                }
            }
        }
        Set<String> quantityKeys = new HashSet<>();
        p.quantities().forEach(q -> quantityKeys.add(q.key()));
        for (int i = 0; i < p.quantities().size(); i++) {
            var q = p.quantities().get(i);
            checkField(problems, "$.quantities[" + i + "].field", q.field(), blocks);
            for (int j = 0; j < q.flagWhen().size(); j++) {
                var rule = q.flagWhen().get(j);
                String at = "$.quantities[" + i + "].flagWhen[" + j + "]";
                require(problems, rule.differsFrom() == null || quantityKeys.contains(rule.differsFrom()),
                        at + ".differsFrom: no quantity '" + rule.differsFrom() + "'");
                require(problems, rule.onlyWhile() == null || flagKeys.contains(rule.onlyWhile()),
                        at + ".onlyWhile: no flag '" + rule.onlyWhile() + "' (GROUP.KEY)");
                require(problems, rule.differsFrom() != null || rule.onlyWhile() != null,
                        at + ": needs differsFrom or onlyWhile");
            }
        }
        Set<String> commandKeys = new HashSet<>();
        for (int i = 0; i < p.commands().size(); i++) {
            var c = p.commands().get(i);
            require(problems, commandKeys.add(c.key()), "$.commands[" + i + "].key: duplicate command '" + c.key() + "'");
            require(problems, c.value() >= 0 && c.value() <= 0xFFFF, "$.commands[" + i + "].value: 0..65535");
            require(problems, c.register() >= 0 && c.register() <= 0xFFFF, "$.commands[" + i + "].register: 0..65535");
        }
        if (p.persist() != null) {
            require(problems, p.persist().register() >= 0 && p.persist().register() <= 0xFFFF, "$.persist.register: 0..65535");
            require(problems, p.persist().value() >= 0 && p.persist().value() <= 0xFFFF, "$.persist.value: 0..65535");
        }
        if (p.calibration() != null) {
            require(problems, TYPES.contains(p.calibration().gainType()), "$.calibration.gainType: one of " + TYPES);
            require(problems, Math.abs(p.calibration().chargingSign()) == 1, "$.calibration.chargingSign: 1 or -1");
        }
        if (p.firmware() != null) {
            checkFirmware(problems, p.firmware());
        }
        return problems;
    }

    private static void checkFirmware(List<String> problems, RegisterProfile.Firmware f) {
        require(problems, f.register() >= 0 && f.register() <= 0xFFFF, "$.firmware.register: 0..65535");
        require(problems, f.value() >= 0 && f.value() <= 0xFFFF, "$.firmware.value: 0..65535");
        require(problems, f.hardwareRevision() != null && !f.hardwareRevision().isBlank(),
                "$.firmware.hardwareRevision: missing");
        require(problems, !f.flashMap().isEmpty(), "$.firmware.flashMap: at least one region");
        List<FirmwareUpdateSupport.FlashRegion> regions = new ArrayList<>(f.flashMap());
        regions.sort(Comparator.comparingLong(FirmwareUpdateSupport.FlashRegion::start));
        for (int i = 0; i < regions.size(); i++) {
            var r = regions.get(i);
            require(problems, r.start() >= 0 && r.size() > 0 && r.start() + r.size() <= 0x1_0000_0000L,
                    "$.firmware.flashMap: region at " + r.start() + " must have a positive size inside 32-bit addresses");
            if (i > 0) {
                var before = regions.get(i - 1);
                require(problems, before.start() + before.size() <= r.start(), "$.firmware.flashMap: regions at "
                        + before.start() + " and " + r.start() + " overlap");
            }
        }
    }

    private static void checkField(List<String> problems, String at, Field f, Map<String, Block> blocks) {
        if (f == null) {
            problems.add(at + ": missing");
            return;
        }
        checkRange(problems, at, f.block(), f.at(), f.words(), f.type(), blocks);
        require(problems, f.scale() == null || f.scale() != 0.0, at + ".scale: must not be 0");
    }

    private static void checkRange(List<String> problems, String at, String blockId, int offset, int words, String type,
                                   Map<String, Block> blocks) {
        require(problems, TYPES.contains(type), at + ".type: one of " + TYPES + ", is " + type);
        Block block = blocks.get(blockId);
        if (block == null) {
            problems.add(at + ".block: no block '" + blockId + "' (blocks: " + blocks.keySet() + ")");
        } else if (offset < 0 || offset + words > block.count()) {
            problems.add(at + ".at: words " + offset + ".." + (offset + words - 1) + " lie outside block '" + blockId
                    + "' of " + block.count() + " registers");
        }
    }

    private static int words(String type) {
        return type != null && type.endsWith("32") ? 2 : 1;
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
