package org.bmsw.schema.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON tree that remembers where each value and each key stood (line, column), so that messages about
 * a parameter file point at the exact place. Duplicate keys are refused with both places.
 */
public final class LocatedJson {

    /** Where something stood, 1-based. */
    public record Pos(int line, int column) {
        static Pos of(JsonLocation l) {
            return l == null ? new Pos(-1, -1) : new Pos(l.getLineNr(), l.getColumnNr());
        }
    }

    public sealed interface Node permits Obj, Arr, Str, Num, Bool, Null {
        Pos pos();

        /** "an object", "a string" ... for messages. */
        String kind();
    }

    /** A key with its position and value. */
    public record Field(String name, Pos pos, Node value) {
    }

    public record Obj(Map<String, Field> fields, Pos pos) implements Node {
        public Obj {
            fields = Collections.unmodifiableMap(fields);
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    public record Arr(List<Node> items, Pos pos) implements Node {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    public record Str(String value, Pos pos) implements Node {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** A number exactly as written. */
    public record Num(BigDecimal value, boolean integral, Pos pos) implements Node {
        @Override
        public String kind() {
            return "a number";
        }
    }

    public record Bool(boolean value, Pos pos) implements Node {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    public record Null(Pos pos) implements Node {
        @Override
        public String kind() {
            return "null";
        }
    }

    /** The text is not JSON, with the place where it stops being JSON. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Pos pos;
        private final String reason;

        SyntaxException(Pos pos, String reason, Throwable cause) {
            super(reason, cause);
            this.pos = pos;
            this.reason = reason;
        }

        public Pos pos() {
            return pos;
        }

        public String reason() {
            return reason;
        }
    }

    private static final JsonFactory FACTORY = Json.strictFactory(false);

    private LocatedJson() {
    }

    /** Parses one JSON document; anything after it is an error. */
    public static Node parse(String text) throws SyntaxException {
        JsonParser p = null;
        try {
            p = FACTORY.createParser(text);
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new SyntaxException(new Pos(1, 1), "the file holds no JSON (it is empty or only white space)", null);
            }
            Node root = value(p, t, 0);
            JsonToken after;
            try {
                after = p.nextToken();
            } catch (JacksonException e) {
                throw syntax(p, e, "after the end of the JSON document: ");
            }
            if (after != null) {
                throw new SyntaxException(Pos.of(p.currentTokenLocation()),
                        "unexpected content after the end of the JSON document (" + Json.describeToken(after) + ")", null);
            }
            return root;
        } catch (JacksonException e) {
            throw syntax(p, e, "");
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SyntaxException(p == null ? new Pos(-1, -1) : Pos.of(p.currentTokenLocation()),
                    "a number cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SyntaxException(new Pos(-1, -1), "cannot read: " + e.getMessage(), e);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a string source does not fail to close
                }
            }
        }
    }

    private static SyntaxException syntax(JsonParser p, JacksonException e, String prefix) {
        JsonLocation loc = e.getLocation();
        if ((loc == null || loc.getLineNr() < 0) && p != null) {
            loc = p.currentLocation();
        }
        String raw = Json.firstLine(e.getOriginalMessage());
        String reason;
        if (raw.contains("end-of-input")) {
            reason = "the file ends in the middle of the JSON (truncated?)";
        } else if (raw.contains("nesting depth")) {
            reason = "the JSON is nested too deeply (more than " + Json.MAX_DEPTH + " levels)";
        } else if (raw.contains("Number value length") || raw.contains("number length")) {
            reason = "a number is far too long";
        } else if (raw.contains("String value length") || raw.contains("String length")) {
            reason = "a string is far too long";
        } else {
            reason = "malformed JSON: " + raw;
        }
        return new SyntaxException(Pos.of(loc), prefix + reason, e);
    }

    private static Node value(JsonParser p, JsonToken t, int depth) throws IOException, SyntaxException {
        Pos pos = Pos.of(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT: {
                Map<String, Field> fields = new LinkedHashMap<>();
                JsonToken n;
                while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Pos namePos = Pos.of(p.currentTokenLocation());
                    Field earlier = fields.get(name);
                    if (earlier != null) {
                        throw new SyntaxException(namePos, "duplicate key '" + name + "' (first at line "
                                + earlier.pos().line() + ", column " + earlier.pos().column() + ")", null);
                    }
                    JsonToken vt = p.nextToken();
                    if (vt == null) {
                        throw new SyntaxException(Pos.of(p.currentLocation()),
                                "the file ends in the middle of the JSON (truncated?)", null);
                    }
                    fields.put(name, new Field(name, namePos, value(p, vt, depth + 1)));
                }
                if (n != JsonToken.END_OBJECT) {
                    throw new SyntaxException(Pos.of(p.currentLocation()),
                            "the file ends in the middle of the JSON (truncated?)", null);
                }
                return new Obj(fields, pos);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (n == null) {
                        throw new SyntaxException(Pos.of(p.currentLocation()),
                                "the file ends in the middle of the JSON (truncated?)", null);
                    }
                    items.add(value(p, n, depth + 1));
                }
                return new Arr(items, pos);
            }
            case VALUE_STRING:
                return new Str(p.getText(), pos);
            case VALUE_NUMBER_INT:
                return new Num(new BigDecimal(p.getBigIntegerValue()), true, pos);
            case VALUE_NUMBER_FLOAT:
                return new Num(p.getDecimalValue(), false, pos);
            case VALUE_TRUE:
                return new Bool(true, pos);
            case VALUE_FALSE:
                return new Bool(false, pos);
            case VALUE_NULL:
                return new Null(pos);
            default:
                throw new SyntaxException(pos, "malformed JSON: unexpected " + Json.describeToken(t), null);
        }
    }
}
