package org.bmsw.schema.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

/** JSON paths in the {@code $.parameters[12].scale} notation. */
public final class JsonPaths {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private JsonPaths() {
    }

    /** {@code parent.name} or {@code parent['485_ADDR']} when the name is not an identifier. */
    public static String field(String parent, String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** The path of a databind failure. */
    public static String of(List<JsonMappingException.Reference> refs) {
        String path = "$";
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                path = field(path, r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path = index(path, r.getIndex());
            }
        }
        return path;
    }

    /** The path of the parser's current position. */
    public static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "$";
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path = index(path, Math.max(0, c.getCurrentIndex()));
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = field(path, c.getCurrentName());
            }
        }
        return path;
    }
}
