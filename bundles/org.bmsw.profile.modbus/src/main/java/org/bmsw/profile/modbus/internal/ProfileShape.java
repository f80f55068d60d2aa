package org.bmsw.profile.modbus.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a JSON tree against the shape of a record type before it is bound, so that every unknown field, missing
 * required field and value of the wrong kind is reported at once (data binding stops at the first). A component is
 * required when its accessor carries {@code @JsonProperty(required = true)}; primitive components of records from
 * other packages are always required.
 */
public final class ProfileShape {

    /** A problem at a JSON path. */
    public record Problem(String path, String message) {
    }

    private static final Map<Class<?>, Map<String, RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();

    /** Members allowed in the top-level object only, ignored by the loader. */
    private static final Set<String> TOP_LEVEL_EXTRAS = Set.of("$comment", "$schema");

    private final List<Problem> problems = new ArrayList<>();
    /** Element types whose list entries may be null (an unused flag position). */
    private final Set<Class<?>> nullableElements;

    private ProfileShape(Set<Class<?>> nullableElements) {
        this.nullableElements = nullableElements;
    }

    /** Every shape problem of {@code root} as a {@code type}, in document order. */
    public static List<Problem> check(JsonNode root, Class<? extends Record> type, Set<Class<?>> nullableElements) {
        ProfileShape shape = new ProfileShape(nullableElements);
        shape.object(root, type, "$", true);
        return shape.problems;
    }

    /** The record's components by JSON name, in declaration order. */
    public static Map<String, RecordComponent> components(Class<?> type) {
        // reflection is slow, more so while a start is still cold, and a profile has hundreds of objects of a few types
        return COMPONENTS.computeIfAbsent(type, t -> {
            Map<String, RecordComponent> out = new LinkedHashMap<>();
            for (RecordComponent c : t.getRecordComponents()) {
                JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
                out.put(p != null && !p.value().isEmpty() ? p.value() : c.getName(), c);
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /** Whether the loader insists on the component. */
    public static boolean required(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p != null) {
            return p.required();
        }
        return c.getType().isPrimitive() && !c.getDeclaringRecord().getPackageName().startsWith("org.bmsw.profile.modbus");
    }

    private void object(JsonNode node, Class<?> type, String path, boolean topLevel) {
        if (!node.isObject()) {
            problems.add(new Problem(path, "expected an object, found " + kind(node)));
            return;
        }
        Map<String, RecordComponent> components = components(type);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!components.containsKey(name) && !(topLevel && TOP_LEVEL_EXTRAS.contains(name))) {
                problems.add(new Problem(path + "." + name, "unknown field '" + name + "' (known here: "
                        + String.join(", ", components.keySet()) + ")"));
            }
        }
        components.forEach((name, component) -> {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                if (required(component)) {
                    problems.add(new Problem(path, value == null ? "missing required field '" + name + "'"
                            : "'" + name + "' must not be null"));
                }
                return;
            }
            value(value, component.getGenericType(), path + "." + name);
        });
    }

    private void value(JsonNode node, Type type, String path) {
        Class<?> raw = raw(type);
        if (raw == int.class || raw == Integer.class) {
            expect(node.isIntegralNumber() && node.canConvertToInt(), node, path, "an integer");
        } else if (raw == long.class || raw == Long.class) {
            expect(node.isIntegralNumber() && node.canConvertToLong(), node, path, "an integer");
        } else if (raw == double.class || raw == Double.class) {
            expect(node.isNumber(), node, path, "a number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(node.isBoolean(), node, path, "true or false");
        } else if (raw == String.class) {
            expect(node.isTextual(), node, path, "a string");
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(node.isArray(), node, path, "an array")) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                for (int i = 0; i < node.size(); i++) {
                    JsonNode item = node.get(i);
                    if (item.isNull()) {
                        if (!nullableElements.contains(raw(element))) {
                            problems.add(new Problem(path + "[" + i + "]", "must not be null"));
                        }
                    } else {
                        value(item, element, path + "[" + i + "]");
                    }
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(node.isObject(), node, path, "an object")) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[1];
                node.fields().forEachRemaining(e -> {
                    if (e.getValue().isNull()) {
                        problems.add(new Problem(path + "." + e.getKey(), "must not be null"));
                    } else {
                        value(e.getValue(), element, path + "." + e.getKey());
                    }
                });
            }
        } else if (raw.isRecord()) {
            object(node, raw, path, false);
        } else {
            throw new IllegalStateException("no shape rule for " + type);
        }
    }

    private boolean expect(boolean ok, JsonNode node, String path, String expected) {
        if (!ok) {
            problems.add(new Problem(path, "expected " + expected + ", found " + kind(node)));
        }
        return ok;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "the string \"" + node.asText() + "\"";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
