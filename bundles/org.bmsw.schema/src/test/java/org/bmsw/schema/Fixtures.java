package org.bmsw.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test fixtures. */
final class Fixtures {

    static final String SMARTBMS = "smartbms-v4.parameters.json";
    /** The one copy of the Smart BMS schema lives in its profile bundle (read by path: no reactor cycle). */
    static final java.nio.file.Path SMARTBMS_FILE = java.nio.file.Path.of(
            "../org.bmsw.profile.smartbms/src/main/resources/org/bmsw/profile/smartbms", SMARTBMS);

    private static ParameterSchema smartBms;

    private Fixtures() {
    }

    /** The Smart BMS V4.0 schema (loaded once). */
    static synchronized ParameterSchema smartBms() {
        if (smartBms == null) {
            try (InputStream in = java.nio.file.Files.newInputStream(SMARTBMS_FILE)) {
                smartBms = ParameterSchemas.load(in, SMARTBMS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SchemaException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
        return smartBms;
    }

    static byte[] resource(String name) {
        if (SMARTBMS.equals(name)) {
            try {
                return java.nio.file.Files.readAllBytes(SMARTBMS_FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new AssertionError("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
