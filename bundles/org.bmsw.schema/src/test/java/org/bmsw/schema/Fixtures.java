package org.bmsw.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test fixtures. */
final class Fixtures {

    static final String SMARTBMS = "smartbms-v4.parameters.json";

    private static ParameterSchema smartBms;

    private Fixtures() {
    }

    /** The Smart BMS V4.0 schema (loaded once). */
    static synchronized ParameterSchema smartBms() {
        if (smartBms == null) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/" + SMARTBMS)) {
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
