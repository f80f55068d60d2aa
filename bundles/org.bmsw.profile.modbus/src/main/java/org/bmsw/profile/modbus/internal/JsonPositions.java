package org.bmsw.profile.modbus.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Where every member and array item of a JSON document starts, by JSON path ({@code $.blocks[1].count}), so that
 * problems found after parsing point at a line and column. A member is located at its name.
 */
public final class JsonPositions {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, JsonLocation> positions = new HashMap<>();

    private JsonPositions() {
    }

    /** Reads the whole document; malformed JSON and duplicate members throw with their location. */
    public static JsonPositions of(byte[] json) throws IOException {
        JsonPositions out = new JsonPositions();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "the file is empty");
            }
            out.walk(parser, "$");
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "more content after the document ends");
            }
        }
        return out;
    }

    private void walk(JsonParser parser, String path) throws IOException {
        positions.putIfAbsent(path, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = path + "." + parser.currentName();
                positions.put(member, parser.currentTokenLocation());
                parser.nextToken();
                walk(parser, member);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, path + "[" + index++ + "]");
            }
        }
    }

    /** The location of {@code path}, else of its nearest enclosing element that exists. */
    public JsonLocation locate(String path) {
        String at = path;
        while (true) {
            JsonLocation location = positions.get(at);
            if (location != null || at.equals("$") || at.isEmpty()) {
                return location;
            }
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut <= 0 ? "$" : at.substring(0, cut);
        }
    }
}
