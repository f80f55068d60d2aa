package org.bmsw.schema.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.Dangerous;
import org.bmsw.schema.Envelope;
import org.bmsw.schema.Location;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterGroup;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Persistence;
import org.bmsw.schema.ProblemSeverity;
import org.bmsw.schema.RawType;
import org.bmsw.schema.Rule;
import org.bmsw.schema.SchemaException;
import org.bmsw.schema.internal.SchemaDto.DangerousDto;
import org.bmsw.schema.internal.SchemaDto.EnvelopeDto;
import org.bmsw.schema.internal.SchemaDto.GroupDto;
import org.bmsw.schema.internal.SchemaDto.LimitDto;
import org.bmsw.schema.internal.SchemaDto.LocationDto;
import org.bmsw.schema.internal.SchemaDto.ParamDto;
import org.bmsw.schema.internal.SchemaDto.RuleDto;

/** Reads a schema file and checks it completely; the first problem found is thrown with its JSON path. */
public final class SchemaReader {

    /** The schema format version this engine reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]+)*");
    private static final ObjectMapper MAPPER = Json.strictMapper();

    private final String source;

    private SchemaReader(String source) {
        this.source = source;
    }

    public static ParameterSchema read(InputStream in, String source) throws SchemaException {
        SchemaReader r = new SchemaReader(source);
        SchemaDto dto = r.bind(in);
        return r.convert(dto);
    }

    private SchemaDto bind(InputStream in) throws SchemaException {
        try {
            SchemaDto dto = MAPPER.readValue(in, SchemaDto.class);
            if (dto == null) {
                throw new SchemaException(source, "$", "the file holds no schema (empty or null)");
            }
            return dto;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            known.sort(Comparator.naturalOrder());
            throw fail(e, JsonPaths.of(e.getPath()), "unknown field '" + e.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; allowed here: " + String.join(", ", known)));
        } catch (MismatchedInputException e) {
            String path = JsonPaths.of(e.getPath());
            String reason = Json.firstLine(e.getOriginalMessage());
            if (reason.startsWith("No content to map")) {
                throw fail(e, "$", "the file is empty");
            }
            if (reason.contains("Trailing token")) {
                throw fail(e, path, "content after the end of the schema object");
            }
            throw fail(e, path, Json.describeMismatch(e));
        } catch (JsonMappingException e) {
            String path = JsonPaths.of(e.getPath());
            if (e.getCause() instanceof StreamReadException sre) {
                throw parseFailure(sre, path);
            }
            throw fail(e, path, Json.firstLine(e.getOriginalMessage()));
        } catch (StreamReadException e) {
            JsonParser p = e.getProcessor();
            String path = p != null ? JsonPaths.of(p.getParsingContext()) : "$";
            throw parseFailure(e, path);
        } catch (IOException e) {
            throw new SchemaException(source, "$", -1, -1, "cannot read the schema: " + e.getMessage(), e);
        }
    }

    private SchemaException parseFailure(StreamReadException e, String path) {
        String reason = Json.firstLine(e.getOriginalMessage());
        if (reason.startsWith("Duplicate Object property") || reason.startsWith("Duplicate field")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Duplicate (?:Object property|field) [\"'](.*)[\"']")
                    .matcher(reason);
            if (m.find() && !path.endsWith("." + m.group(1)) && !path.endsWith("['" + m.group(1) + "']")) {
                path = JsonPaths.field(path, m.group(1));
            }
            reason = "duplicate key: " + reason.replaceFirst("^Duplicate (Object property|field) ", "");
        } else if (reason.contains("end-of-input")) {
            reason = "the file ends in the middle of the JSON (truncated?): " + reason;
        } else {
            reason = "malformed JSON: " + reason;
        }
        return fail(e, path, reason);
    }

    private SchemaException fail(com.fasterxml.jackson.core.JacksonException e, String path, String reason) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? -1 : loc.getLineNr();
        int col = loc == null ? -1 : loc.getColumnNr();
        return new SchemaException(source, path, line, col, reason, e);
    }

    private SchemaException fail(String path, String reason) {
        return new SchemaException(source, path, reason);
    }

    // ------------------------------------------------------------------ conversion and checks

    private ParameterSchema convert(SchemaDto d) throws SchemaException {
        if (d.formatVersion() == null) {
            throw fail("$", "missing 'formatVersion' (this engine reads version " + FORMAT_VERSION + ")");
        }
        if (d.formatVersion() != FORMAT_VERSION) {
            throw fail("$.formatVersion", "format version " + d.formatVersion()
                    + (d.formatVersion() > FORMAT_VERSION ? " is newer than this engine reads (" : " is not supported (")
                    + FORMAT_VERSION + ")");
        }
        if (d.profile() == null || !PROFILE.matcher(d.profile()).matches()) {
            throw fail("$.profile", d.profile() == null ? "missing 'profile' (the device profile's id)"
                    : "profile id '" + d.profile() + "' must be letters, digits, '.', '_' or '-'");
        }
        LocalizedText name = d.name() == null ? null : text(d.name(), "$.name");
        List<String> models = new ArrayList<>();
        if (d.models() != null) {
            for (int i = 0; i < d.models().size(); i++) {
                String m = d.models().get(i);
                if (m == null || m.isBlank()) {
                    throw fail(JsonPaths.index("$.models", i), "a model name must not be empty");
                }
                models.add(m);
            }
        }
        Persistence persistence = Persistence.IMMEDIATE;
        if (d.persistence() != null) {
            persistence = Persistence.byName(d.persistence()).orElseThrow(() -> fail("$.persistence",
                    "unknown persistence '" + d.persistence() + "'; expected 'immediate' or 'ram-then-flash'"));
        }
        if (d.notes() != null) {
            for (int i = 0; i < d.notes().size(); i++) {
                if (d.notes().get(i) == null) {
                    throw fail(JsonPaths.index("$.notes", i), "a note must be a string");
                }
            }
        }
        List<ParameterGroup> groups = groups(d.groups());
        Set<String> groupKeys = new HashSet<>();
        groups.forEach(g -> groupKeys.add(g.key()));

        if (d.parameters() == null || d.parameters().isEmpty()) {
            throw fail("$.parameters", "a schema needs at least one parameter");
        }
        Map<String, ParameterDef> defs = new LinkedHashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (int i = 0; i < d.parameters().size(); i++) {
            String path = JsonPaths.index("$.parameters", i);
            ParamDto p = d.parameters().get(i);
            if (p == null) {
                throw fail(path, "a parameter must be an object, not null");
            }
            ParameterDef def = parameter(p, path, groupKeys);
            if (defs.containsKey(def.key())) {
                throw fail(path + ".key", "duplicate parameter key '" + def.key() + "' (first defined at "
                        + paths.get(def.key()) + ")");
            }
            defs.put(def.key(), def);
            paths.put(def.key(), path);
        }
        checkOverlaps(defs, paths);
        List<Rule> rules = rules(d.rules(), defs);
        List<Envelope> envelopes = envelopes(d.envelopes(), defs);
        try {
            return new ParameterSchema(FORMAT_VERSION, d.profile(), name, models, persistence, groups,
                    new ArrayList<>(defs.values()), rules, envelopes, source);
        } catch (IllegalArgumentException e) {
            throw fail("$", e.getMessage());
        }
    }

    private List<ParameterGroup> groups(List<GroupDto> list) throws SchemaException {
        if (list == null || list.isEmpty()) {
            throw fail("$.groups", "a schema needs at least one group");
        }
        List<ParameterGroup> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = JsonPaths.index("$.groups", i);
            GroupDto g = list.get(i);
            if (g == null) {
                throw fail(path, "a group must be an object, not null");
            }
            if (g.key() == null || !KEY.matcher(g.key()).matches()) {
                throw fail(path + ".key", g.key() == null ? "missing 'key'" : "group key '" + g.key()
                        + "' must be letters, digits and '_'");
            }
            Integer first = seen.putIfAbsent(g.key(), i);
            if (first != null) {
                throw fail(path + ".key", "duplicate group key '" + g.key() + "' (first defined at $.groups[" + first + "])");
            }
            if (g.order() == null) {
                throw fail(path + ".order", "missing 'order'");
            }
            out.add(new ParameterGroup(g.key(), required(g.label(), path + ".label"), g.order()));
        }
        return out;
    }

    private LocalizedText required(Map<String, String> map, String path) throws SchemaException {
        if (map == null) {
            throw fail(path, "missing (an object with at least an \"en\" text)");
        }
        return text(map, path);
    }

    private LocalizedText text(Map<String, String> map, String path) throws SchemaException {
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!LANGUAGE.matcher(e.getKey()).matches()) {
                throw fail(JsonPaths.field(path, e.getKey()), "'" + e.getKey() + "' is not a language tag (en, zh ...)");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw fail(JsonPaths.field(path, e.getKey()), "text must not be empty");
            }
        }
        if (!map.containsKey("en")) {
            throw fail(path, "needs an English text (\"en\")");
        }
        return new LocalizedText(map);
    }

    private ParameterDef parameter(ParamDto p, String path, Set<String> groupKeys) throws SchemaException {
        if (p.key() == null || !KEY.matcher(p.key()).matches()) {
            throw fail(path + ".key", p.key() == null ? "missing 'key'" : "parameter key '" + p.key()
                    + "' must be letters, digits and '_'");
        }
        String key = p.key();
        if (p.group() == null) {
            throw fail(path + ".group", "missing 'group'");
        }
        if (!groupKeys.contains(p.group())) {
            throw fail(path + ".group", "unknown group '" + p.group() + "'; the schema's groups are " + groupKeys);
        }
        LocalizedText label = required(p.label(), path + ".label");
        LocalizedText description = p.description() == null ? null : text(p.description(), path + ".description");
        if (p.type() == null) {
            throw fail(path + ".type", "missing 'type' (u8, bool, u16, s16, u32 or s32)");
        }
        RawType type = RawType.byName(p.type()).orElseThrow(() -> fail(path + ".type",
                "unknown raw type '" + p.type() + "'; expected u8, bool, u16, s16, u32 or s32"));
        double scale = p.scale() == null ? 1 : p.scale();
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw fail(path + ".scale", "scale must be a number > 0, is " + ParameterDefs.plain(scale));
        }
        double offset = p.offset() == null ? 0 : p.offset();
        if (!Double.isFinite(offset)) {
            throw fail(path + ".offset", "offset must be finite");
        }
        if (type == RawType.BOOL && (scale != 1 || offset != 0)) {
            throw fail(path + (scale != 1 ? ".scale" : ".offset"), "a bool parameter has scale 1 and offset 0");
        }
        String unit = p.unit() == null ? "" : p.unit();

        // enumeration
        Map<Long, LocalizedText> enumeration = new LinkedHashMap<>();
        if (p.enumeration() != null) {
            if (p.enumeration().isEmpty()) {
                throw fail(path + ".enumeration", "an enumeration needs at least one value");
            }
            for (Map.Entry<String, LinkedHashMap<String, String>> e : p.enumeration().entrySet()) {
                String ep = JsonPaths.field(path + ".enumeration", e.getKey());
                long v;
                try {
                    v = Long.parseLong(e.getKey().trim());
                } catch (NumberFormatException ex) {
                    throw fail(ep, "enumeration value '" + e.getKey() + "' is not an integer");
                }
                enumeration.put(v, required(e.getValue(), ep));
            }
        }
        Double min = p.min();
        Double max = p.max();
        if (type == RawType.BOOL) {
            min = min == null ? 0.0 : min;
            max = max == null ? 1.0 : max;
        } else if (!enumeration.isEmpty()) {
            min = min == null ? (double) enumeration.keySet().stream().min(Long::compare).orElseThrow() : min;
            max = max == null ? (double) enumeration.keySet().stream().max(Long::compare).orElseThrow() : max;
        }
        if (min == null) {
            throw fail(path + ".min", "missing 'min' (every numeric parameter needs a range)");
        }
        if (max == null) {
            throw fail(path + ".max", "missing 'max' (every numeric parameter needs a range)");
        }
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw fail(path + (Double.isFinite(min) ? ".max" : ".min"), "must be finite");
        }
        if (min > max) {
            throw fail(path + ".min", "min " + ParameterDefs.plain(min) + " is greater than max " + ParameterDefs.plain(max));
        }
        Double step = p.step();
        if (step != null && (!(step > 0) || !Double.isFinite(step))) {
            throw fail(path + ".step", "step must be a number > 0");
        }
        AccessLevel access = AccessLevel.USER;
        if (p.access() != null) {
            access = switch (p.access()) {
                case "user" -> AccessLevel.USER;
                case "engineer" -> AccessLevel.ENGINEER;
                case "factory" -> AccessLevel.FACTORY;
                default -> throw fail(path + ".access", "unknown access level '" + p.access()
                        + "'; expected user, engineer or factory");
            };
        }
        Location location = location(p.location(), path + ".location", type);
        ParameterDef probe;
        try {
            probe = new ParameterDef(key, p.group(), label, description, unit, type, scale, offset, min, max,
                    step == null ? 0 : step, enumeration, null, access, p.writable() == null || p.writable(), location,
                    null, p.note());
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
        double typeMin = probe.typeMin();
        double typeMax = probe.typeMax();
        String range = " (" + type + " at scale " + ParameterDefs.plain(scale)
                + (offset != 0 ? ", offset " + ParameterDefs.plain(offset) : "") + " holds "
                + probe.format(typeMin) + ".." + probe.format(typeMax) + (unit.isEmpty() ? "" : " " + unit) + ")";
        if (min < typeMin - 1e-9 * Math.max(1, Math.abs(typeMin))) {
            throw fail(path + ".min", "min " + ParameterDefs.plain(min) + " does not fit the raw type" + range);
        }
        if (max > typeMax + 1e-9 * Math.max(1, Math.abs(typeMax))) {
            throw fail(path + ".max", "max " + ParameterDefs.plain(max) + " does not fit the raw type" + range);
        }
        if (probe.rawOf(min).isEmpty()) {
            throw fail(path + ".min", "min " + ParameterDefs.plain(min) + " is not a multiple of the resolution "
                    + ParameterDefs.plain(scale));
        }
        if (probe.rawOf(max).isEmpty()) {
            throw fail(path + ".max", "max " + ParameterDefs.plain(max) + " is not a multiple of the resolution "
                    + ParameterDefs.plain(scale));
        }
        if (step != null && !new ParameterDef(key, p.group(), label, null, unit, type, scale, 0, min, max, 0, null,
                null, access, true, location, null, null).rawOf(step).isPresent()) {
            throw fail(path + ".step", "step " + ParameterDefs.plain(step) + " is not a multiple of the resolution "
                    + ParameterDefs.plain(scale));
        }
        for (Long v : enumeration.keySet()) {
            String ep = JsonPaths.field(path + ".enumeration", String.valueOf(v));
            String why = valueProblem(probe, v);
            if (why != null) {
                throw fail(ep, "enumeration value " + why);
            }
        }
        Dangerous dangerous = null;
        if (p.dangerous() != null) {
            dangerous = dangerous(p.dangerous(), path + ".dangerous", probe);
        }
        if (p.defaultValue() != null) {
            String why = valueProblem(probe, p.defaultValue());
            if (why != null) {
                throw fail(path + ".default", "default " + why);
            }
        }
        return new ParameterDef(key, p.group(), label, description, unit, type, scale, offset, min, max,
                step == null ? 0 : step, enumeration, p.defaultValue(), access, p.writable() == null || p.writable(),
                location, dangerous, p.note());
    }

    /** Why a value is not allowed, or null when it is. */
    static String valueProblem(ParameterDef def, double v) {
        String s = def.formatWithUnit(v);
        if (!Double.isFinite(v)) {
            return v + " is not a number";
        }
        if (v < def.min() - 1e-9 * Math.max(1, Math.abs(def.min()))) {
            return s + " is below min " + def.formatWithUnit(def.min());
        }
        if (v > def.max() + 1e-9 * Math.max(1, Math.abs(def.max()))) {
            return s + " is above max " + def.formatWithUnit(def.max());
        }
        if (def.rawOf(v).isEmpty()) {
            return s + " is not a multiple of the resolution " + ParameterDefs.plain(def.scale());
        }
        if (!def.onStep(v)) {
            return s + " is not a multiple of the step " + ParameterDefs.plain(def.step());
        }
        if (def.enumerated() && def.enumLabel(v).isEmpty()) {
            return s + " is not one of the enumeration's values " + def.enumeration().keySet();
        }
        return null;
    }

    private Dangerous dangerous(DangerousDto d, String path, ParameterDef def) throws SchemaException {
        LocalizedText reason = required(d.reason(), path + ".reason");
        List<Double> values = new ArrayList<>();
        if (d.values() != null) {
            for (int i = 0; i < d.values().size(); i++) {
                Double v = d.values().get(i);
                String vp = JsonPaths.index(path + ".values", i);
                if (v == null) {
                    throw fail(vp, "expected a number");
                }
                String why = valueProblem(def, v);
                if (why != null) {
                    throw fail(vp, why);
                }
                values.add(v);
            }
        }
        return new Dangerous(reason, values);
    }

    private Location location(LocationDto l, String path, RawType type) throws SchemaException {
        if (l == null) {
            throw fail(path, "missing 'location' ({\"register\": ...} and/or {\"xcp\": {...}})");
        }
        if (l.register() == null && l.xcp() == null) {
            throw fail(path, "a location needs 'register' and/or 'xcp'");
        }
        Integer register = null;
        if (l.register() != null) {
            long r = address(l.register(), path + ".register");
            if (r < 0 || r + type.words() - 1 > 0xFFFF) {
                throw fail(path + ".register", "register " + r + " (" + type.words() + " word(s)) is outside 0..65535");
            }
            register = (int) r;
        }
        Location.Xcp xcp = null;
        if (l.xcp() != null) {
            String xp = path + ".xcp";
            if (l.xcp().address() == null) {
                throw fail(xp + ".address", "missing 'address'");
            }
            long a = address(l.xcp().address(), xp + ".address");
            if (a < 0 || a > 0xFFFF_FFFFL) {
                throw fail(xp + ".address", "address " + a + " is outside 0..0xFFFFFFFF");
            }
            int ext = l.xcp().extension() == null ? 0 : l.xcp().extension();
            if (ext < 0 || ext > 255) {
                throw fail(xp + ".extension", "address extension " + ext + " is outside 0..255");
            }
            int size = l.xcp().size() == null ? type.bytes() : l.xcp().size();
            if (size != type.bytes()) {
                throw fail(xp + ".size", "size " + size + " does not match the raw type " + type + " (" + type.bytes()
                        + " bytes)");
            }
            if (a + size - 1 > 0xFFFF_FFFFL) {
                throw fail(xp + ".address", "the value runs past address 0xFFFFFFFF");
            }
            xcp = new Location.Xcp(a, ext, size);
        }
        return new Location(register, xcp);
    }

    /** An address as a JSON integer or a "0x..." string. */
    private long address(JsonNode n, String path) throws SchemaException {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            String s = n.asText().trim();
            try {
                if (s.startsWith("0x") || s.startsWith("0X")) {
                    return Long.parseLong(s.substring(2), 16);
                }
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw fail(path, "'" + n.asText() + "' is not an address (an integer or \"0x...\")");
            }
        }
        throw fail(path, "expected an address (an integer or \"0x...\"), found " + n.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private void checkOverlaps(Map<String, ParameterDef> defs, Map<String, String> paths) throws SchemaException {
        record Span(long start, long end, String key, String path, int index) {
        }
        List<Span> regs = new ArrayList<>();
        Map<Integer, List<Span>> xcps = new HashMap<>();
        int index = 0;
        for (ParameterDef d : defs.values()) {
            String p = paths.get(d.key());
            if (d.location().hasRegister()) {
                long s = d.location().register();
                regs.add(new Span(s, s + d.type().words() - 1, d.key(), p + ".location.register", index));
            }
            if (d.location().hasXcp()) {
                Location.Xcp x = d.location().xcp();
                xcps.computeIfAbsent(x.extension(), k -> new ArrayList<>())
                        .add(new Span(x.address(), x.address() + x.size() - 1, d.key(), p + ".location.xcp.address", index));
            }
            index++;
        }
        List<List<Span>> all = new ArrayList<>();
        all.add(regs);
        all.addAll(xcps.values());
        Span worst = null;
        Span other = null;
        boolean worstIsRegister = false;
        for (List<Span> spans : all) {
            spans.sort(Comparator.comparingLong(Span::start).thenComparingLong(Span::end));
            for (int i = 0; i < spans.size(); i++) {
                for (int j = i + 1; j < spans.size() && spans.get(j).start() <= spans.get(i).end(); j++) {
                    Span a = spans.get(i);
                    Span b = spans.get(j);
                    Span later = a.index() > b.index() ? a : b;
                    Span earlier = later == a ? b : a;
                    // report the overlap whose later parameter comes first in the file
                    if (worst == null || later.index() < worst.index()) {
                        worst = later;
                        other = earlier;
                        worstIsRegister = spans == regs;
                    }
                }
            }
        }
        if (worst != null) {
            String what = worstIsRegister ? "registers" : "XCP addresses";
            throw fail(worst.path(), what + " 0x" + Long.toHexString(worst.start()).toUpperCase(Locale.ROOT)
                    + "..0x" + Long.toHexString(worst.end()).toUpperCase(Locale.ROOT) + " of '" + worst.key()
                    + "' overlap those of '" + other.key() + "' (" + other.path() + ")");
        }
    }

    private List<Rule> rules(List<RuleDto> list, Map<String, ParameterDef> defs) throws SchemaException {
        List<Rule> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Double> defaults = new HashMap<>();
        defs.values().forEach(d -> {
            if (d.defaultValue() != null) {
                defaults.put(d.key(), d.defaultValue());
            }
        });
        for (int i = 0; i < list.size(); i++) {
            String path = JsonPaths.index("$.rules", i);
            RuleDto r = list.get(i);
            if (r == null) {
                throw fail(path, "a rule must be an object, not null");
            }
            if (r.id() == null || !RULE_ID.matcher(r.id()).matches()) {
                throw fail(path + ".id", r.id() == null ? "missing 'id'" : "rule id '" + r.id()
                        + "' must be letters, digits, '.', '_' or '-'");
            }
            Integer first = ids.putIfAbsent(r.id(), i);
            if (first != null) {
                throw fail(path + ".id", "duplicate rule id '" + r.id() + "' (first defined at $.rules[" + first + "])");
            }
            if (r.type() == null) {
                throw fail(path + ".type", "missing 'type' (less, greater, ascending, descending, sum, product_consistent)");
            }
            LocalizedText message = required(r.message(), path + ".message");
            ProblemSeverity severity = ProblemSeverity.ERROR;
            if (r.severity() != null) {
                severity = switch (r.severity()) {
                    case "error" -> ProblemSeverity.ERROR;
                    case "confirm" -> ProblemSeverity.NEEDS_CONFIRMATION;
                    default -> throw fail(path + ".severity", "unknown severity '" + r.severity()
                            + "'; expected error or confirm");
                };
            }
            Map<String, Double> skipIf = new LinkedHashMap<>();
            if (r.skipIf() != null) {
                for (Map.Entry<String, Double> e : r.skipIf().entrySet()) {
                    String sp = JsonPaths.field(path + ".skipIf", e.getKey());
                    known(defs, e.getKey(), sp);
                    if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                        throw fail(sp, "expected a number");
                    }
                    skipIf.put(e.getKey(), e.getValue());
                }
            }
            Rule rule = switch (r.type()) {
                case "less", "greater" -> {
                    unused(r, path, "keys", "total", "key", "factors", "unitFactor", "tolerance", "lastOrEqual");
                    if (r.left() == null) {
                        throw fail(path + ".left", "missing 'left'");
                    }
                    if (r.right() == null) {
                        throw fail(path + ".right", "missing 'right'");
                    }
                    known(defs, r.left(), path + ".left");
                    known(defs, r.right(), path + ".right");
                    if (r.left().equals(r.right())) {
                        throw fail(path + ".right", "'left' and 'right' name the same parameter");
                    }
                    yield new Rule.Compare(r.id(), r.left(), r.type().equals("greater"), Boolean.TRUE.equals(r.orEqual()),
                            r.right(), message, severity, skipIf);
                }
                case "ascending", "descending" -> {
                    unused(r, path, "left", "right", "total", "key", "factors", "unitFactor", "tolerance");
                    List<String> keys = keyList(r.keys(), path + ".keys", defs, 2);
                    yield new Rule.Chain(r.id(), keys, r.type().equals("ascending"), Boolean.TRUE.equals(r.orEqual()),
                            Boolean.TRUE.equals(r.lastOrEqual()), message, severity, skipIf);
                }
                case "sum" -> {
                    unused(r, path, "left", "right", "key", "factors", "unitFactor", "tolerance", "orEqual", "lastOrEqual");
                    List<String> keys = keyList(r.keys(), path + ".keys", defs, 1);
                    if (r.total() == null) {
                        throw fail(path + ".total", "missing 'total'");
                    }
                    known(defs, r.total(), path + ".total");
                    if (keys.contains(r.total())) {
                        throw fail(path + ".total", "the total '" + r.total() + "' is also an addend");
                    }
                    yield new Rule.Sum(r.id(), keys, r.total(), message, severity, skipIf);
                }
                case "product_consistent" -> {
                    unused(r, path, "left", "right", "keys", "total", "orEqual", "lastOrEqual");
                    if (r.key() == null) {
                        throw fail(path + ".key", "missing 'key'");
                    }
                    known(defs, r.key(), path + ".key");
                    List<String> factors = keyList(r.factors(), path + ".factors", defs, 1);
                    if (factors.contains(r.key())) {
                        throw fail(path + ".key", "'" + r.key() + "' is also a factor");
                    }
                    double unitFactor = r.unitFactor() == null ? 1 : r.unitFactor();
                    if (unitFactor == 0 || !Double.isFinite(unitFactor)) {
                        throw fail(path + ".unitFactor", "unitFactor must be a finite number other than 0");
                    }
                    if (r.tolerance() == null) {
                        throw fail(path + ".tolerance", "missing 'tolerance' (relative, e.g. 0.05 for 5 %)");
                    }
                    if (!(r.tolerance() >= 0 && r.tolerance() < 1)) {
                        throw fail(path + ".tolerance", "tolerance must be >= 0 and < 1 (relative, e.g. 0.05 for 5 %)");
                    }
                    yield new Rule.Product(r.id(), r.key(), factors, unitFactor, r.tolerance(), message, severity, skipIf);
                }
                default -> throw fail(path + ".type", "unknown rule type '" + r.type()
                        + "'; expected less, greater, ascending, descending, sum or product_consistent");
            };
            Optional<RuleEngine.Violation> v = RuleEngine.check(rule, defaults, defs::get);
            if (v.isPresent()) {
                throw fail(path, "the schema's own defaults break this rule: " + v.get().detail().english());
            }
            out.add(rule);
        }
        return out;
    }

    private void unused(RuleDto r, String path, String... fields) throws SchemaException {
        for (String f : fields) {
            Object v = switch (f) {
                case "left" -> r.left();
                case "right" -> r.right();
                case "keys" -> r.keys();
                case "total" -> r.total();
                case "key" -> r.key();
                case "factors" -> r.factors();
                case "unitFactor" -> r.unitFactor();
                case "tolerance" -> r.tolerance();
                case "orEqual" -> r.orEqual();
                case "lastOrEqual" -> r.lastOrEqual();
                default -> null;
            };
            if (v != null) {
                throw fail(path + "." + f, "'" + f + "' is not used by a rule of type " + r.type());
            }
        }
    }

    private List<String> keyList(List<String> keys, String path, Map<String, ParameterDef> defs, int minSize)
            throws SchemaException {
        if (keys == null) {
            throw fail(path, "missing (a list of parameter keys)");
        }
        if (keys.size() < minSize) {
            throw fail(path, "needs at least " + minSize + " parameter key(s)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String kp = JsonPaths.index(path, i);
            known(defs, keys.get(i), kp);
            if (!seen.add(keys.get(i))) {
                throw fail(kp, "'" + keys.get(i) + "' is listed twice");
            }
        }
        return keys;
    }

    private void known(Map<String, ParameterDef> defs, String key, String path) throws SchemaException {
        if (key == null) {
            throw fail(path, "expected a parameter key");
        }
        if (!defs.containsKey(key)) {
            throw fail(path, "unknown parameter '" + key + "'");
        }
    }

    private List<Envelope> envelopes(List<EnvelopeDto> list, Map<String, ParameterDef> defs) throws SchemaException {
        List<Envelope> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = JsonPaths.index("$.envelopes", i);
            EnvelopeDto e = list.get(i);
            if (e == null) {
                throw fail(path, "an envelope must be an object, not null");
            }
            if (e.chemistry() == null || e.chemistry().isBlank()) {
                throw fail(path + ".chemistry", "missing 'chemistry' (e.g. LFP, NMC)");
            }
            Integer first = seen.putIfAbsent(e.chemistry().trim().toUpperCase(Locale.ROOT), i);
            if (first != null) {
                throw fail(path + ".chemistry", "chemistry '" + e.chemistry() + "' already has an envelope at $.envelopes["
                        + first + "]");
            }
            LocalizedText label = required(e.label(), path + ".label");
            if (e.limits() == null || e.limits().isEmpty()) {
                throw fail(path + ".limits", "an envelope needs at least one limit");
            }
            Map<String, Envelope.Limit> limits = new LinkedHashMap<>();
            for (Map.Entry<String, LimitDto> l : e.limits().entrySet()) {
                String lp = JsonPaths.field(path + ".limits", l.getKey());
                known(defs, l.getKey(), lp);
                LimitDto ld = l.getValue();
                if (ld == null || (ld.min() == null && ld.max() == null)) {
                    throw fail(lp, "a limit needs 'min' and/or 'max'");
                }
                if (ld.min() != null && !Double.isFinite(ld.min()) || ld.max() != null && !Double.isFinite(ld.max())) {
                    throw fail(lp, "limits must be finite");
                }
                if (ld.min() != null && ld.max() != null && ld.min() > ld.max()) {
                    throw fail(lp + ".min", "min " + ParameterDefs.plain(ld.min()) + " is greater than max "
                            + ParameterDefs.plain(ld.max()));
                }
                limits.put(l.getKey(), new Envelope.Limit(ld.min(), ld.max()));
            }
            out.add(new Envelope(e.chemistry().trim(), label, limits));
        }
        return out;
    }
}
