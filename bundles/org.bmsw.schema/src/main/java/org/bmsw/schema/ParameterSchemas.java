package org.bmsw.schema;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bmsw.schema.internal.SchemaReader;

/**
 * Loads parameter schema files. The format is described by the JSON Schema
 * {@value #JSON_SCHEMA_RESOURCE} in this bundle (for editors); the loader itself checks much more:
 * duplicate keys, rules naming unknown parameters, overlapping locations, ranges that do not fit the raw
 * type, defaults out of range, defaults that break a rule.
 */
public final class ParameterSchemas {

    /** The schema format version this engine reads. */
    public static final int FORMAT_VERSION = SchemaReader.FORMAT_VERSION;

    /** Class-path resource of the JSON Schema (draft 2020-12) describing schema files. */
    public static final String JSON_SCHEMA_RESOURCE = "/org/bmsw/schema/parameter-schema.schema.json";

    private ParameterSchemas() {
    }

    /** Loads a schema file; messages name the file. */
    public static ParameterSchema load(Path file) throws SchemaException {
        String source = String.valueOf(file.getFileName());
        try (InputStream in = Files.newInputStream(file)) {
            return SchemaReader.read(in, source);
        } catch (IOException e) {
            throw new SchemaException(source, "$", -1, -1, "cannot read the schema: " + e, e);
        }
    }

    /** Loads a schema from a URL, e.g. a resource of a profile bundle. */
    public static ParameterSchema load(URL url) throws SchemaException {
        String path = url.getPath();
        String source = path == null || path.isEmpty() ? url.toString() : path.substring(path.lastIndexOf('/') + 1);
        try (InputStream in = url.openStream()) {
            return SchemaReader.read(in, source);
        } catch (IOException e) {
            throw new SchemaException(source, "$", -1, -1, "cannot read the schema: " + e, e);
        }
    }

    /**
     * Loads a schema from a stream (not closed).
     *
     * @param source the name messages use, e.g. the file name
     */
    public static ParameterSchema load(InputStream in, String source) throws SchemaException {
        return SchemaReader.read(in, source);
    }
}
