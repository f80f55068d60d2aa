package org.bmsw.schema.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Jackson, configured strictly. */
public final class Json {

    /** Deepest nesting any of our files needs is 5; anything much deeper is garbage or an attack. */
    public static final int MAX_DEPTH = 64;

    private Json() {
    }

    public static JsonFactory strictFactory(boolean duplicateDetection) {
        JsonFactory f = JsonFactory.builder()
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, duplicateDetection)
                .configure(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION, false)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(100)
                        .maxStringLength(1_000_000)
                        .build())
                .build();
        return f;
    }

    public static ObjectMapper strictMapper() {
        return JsonMapper.builder(strictFactory(true))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** "a number", "an object" ... for a Java target type. */
    public static String describeType(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Double.class || type == double.class || type == Float.class || Number.class.isAssignableFrom(type)
                && type != Integer.class && type != Long.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    public static String describeToken(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** "expected a number, found a string" for a type mismatch. */
    public static String describeMismatch(MismatchedInputException e) {
        String found = "";
        if (e.getProcessor() instanceof JsonParser p) {
            found = ", found " + describeToken(p.currentToken());
        }
        return "expected " + describeType(e.getTargetType()) + found;
    }

    /** The first line of a Jackson message, without the source/location suffix Jackson appends. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String s = nl >= 0 ? message.substring(0, nl) : message;
        int at = s.indexOf(" at [Source");
        return (at >= 0 ? s.substring(0, at) : s).trim();
    }
}
