package org.bmsw.recorder.internal;

import java.io.IOException;

import org.bmsw.recorder.RecordingFormatException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A pull reader over Jackson's streaming parser that fails with the file, line, column and field of the
 * offending token, so a bad import says exactly where it is bad.
 */
final class JsonInput implements AutoCloseable {

    private final JsonParser parser;
    private final String file;

    JsonInput(JsonParser parser, String file) {
        this.parser = parser;
        this.file = file;
    }

    /** Advances to the next token; malformed JSON and a premature end are format errors. */
    JsonToken next(String field) throws RecordingFormatException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw error(field, "the file ends early");
            }
            return t;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() == null ? parser.currentLocation() : e.getLocation();
            throw new RecordingFormatException(file, at.getLineNr(), at.getColumnNr(), field, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error(field, "cannot read: " + e.getMessage());
        }
    }

    JsonToken current() {
        return parser.currentToken();
    }

    void expect(JsonToken expected, String field, String what) throws RecordingFormatException {
        if (next(field) != expected) {
            throw error(field, "expected " + what + ", found " + describe());
        }
    }

    /** The next field name of an object, or null at its end. */
    String nextField(String objectPath) throws RecordingFormatException {
        JsonToken t = next(objectPath);
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        if (t != JsonToken.FIELD_NAME) {
            throw error(objectPath, "expected a field name, found " + describe());
        }
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw error(objectPath, e.getMessage());
        }
    }

    String string(String field) throws RecordingFormatException {
        if (next(field) != JsonToken.VALUE_STRING) {
            throw error(field, "expected a string, found " + describe());
        }
        return text(field);
    }

    /** A string or null (returned as ""). */
    String optionalString(String field) throws RecordingFormatException {
        JsonToken t = next(field);
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        if (t != JsonToken.VALUE_STRING) {
            throw error(field, "expected a string, found " + describe());
        }
        return text(field);
    }

    /** A number, or null for "not reported" (NaN). */
    double number(String field) throws RecordingFormatException {
        JsonToken t = next(field);
        return numberAt(t, field);
    }

    double numberAt(JsonToken t, String field) throws RecordingFormatException {
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(field, "expected a number or null, found " + describe());
        }
        try {
            return parser.getDoubleValue();
        } catch (IOException e) {
            throw error(field, e.getMessage());
        }
    }

    long integer(String field) throws RecordingFormatException {
        if (next(field) != JsonToken.VALUE_NUMBER_INT) {
            throw error(field, "expected a whole number, found " + describe());
        }
        try {
            return parser.getLongValue();
        } catch (IOException e) {
            throw error(field, "expected a whole number that fits 64 bits: " + e.getMessage());
        }
    }

    int integer(String field, int min, int max) throws RecordingFormatException {
        long v = integer(field);
        if (v < min || v > max) {
            throw error(field, "expected a whole number from " + min + " to " + max + ", found " + v);
        }
        return (int) v;
    }

    boolean bool(String field) throws RecordingFormatException {
        JsonToken t = next(field);
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw error(field, "expected true or false, found " + describe());
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** Skips the value that follows (any shape). */
    void skipValue(String field) throws RecordingFormatException {
        JsonToken t = next(field);
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            try {
                parser.skipChildren();
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() == null ? parser.currentLocation() : e.getLocation();
                throw new RecordingFormatException(file, at.getLineNr(), at.getColumnNr(), field, "not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw error(field, e.getMessage());
            }
        }
    }

    /** After the document's closing brace nothing but white space may follow. */
    void expectEnd() throws RecordingFormatException {
        try {
            JsonToken t = parser.nextToken();
            if (t != null) {
                throw error("", "unexpected content after the end of the recording: " + describe());
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() == null ? parser.currentLocation() : e.getLocation();
            throw new RecordingFormatException(file, at.getLineNr(), at.getColumnNr(), "", "unexpected content after the end of the recording");
        } catch (IOException e) {
            throw error("", e.getMessage());
        }
    }

    String text(String field) throws RecordingFormatException {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw error(field, e.getMessage());
        }
    }

    /** A format error at the current token. */
    RecordingFormatException error(String field, String problem) {
        JsonLocation at = parser.currentTokenLocation();
        return new RecordingFormatException(file, at.getLineNr(), at.getColumnNr(), field, problem);
    }

    String describe() {
        JsonToken t = parser.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case VALUE_STRING -> {
                try {
                    String s = parser.getText();
                    yield "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
                } catch (IOException e) {
                    yield "a string";
                }
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                try {
                    yield parser.getText();
                } catch (IOException e) {
                    yield "a number";
                }
            }
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "the end of an object";
            case END_ARRAY -> "the end of an array";
            case FIELD_NAME -> "field name";
            default -> t.toString();
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // reading is over; nothing was written
        }
    }
}
