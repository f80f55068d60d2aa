package org.bmsw.profile.modbus;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.bmsw.device.api.DeviceProfile;
import org.bmsw.profile.can.CanDeviceProfile;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterSchemas;
import org.bmsw.schema.Persistence;
import org.bmsw.schema.SchemaException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A register profile together with the files it names (its parameter schema, the DBC of its {@code can} section), read
 * and cross-checked as one: the same checks for a profile bundle, a profile file dropped into {@code plugins/} and
 * {@code bmsw profile validate}. A profile with a {@code can} section gives two live profiles: the register one and
 * {@code <id>.can}.
 */
public final class RegisterProfiles {

    /** Finds a file a profile names, by its name. */
    @FunctionalInterface
    public interface Companions {
        /** The file, or empty when there is none of that name. */
        Optional<URL> find(String name);
    }

    /**
     * @param profile  the live profile, or null when there are problems
     * @param can      the same device on CAN ({@code <id>.can}) when the profile has a {@code can} section and no
     *                 problems; else null
     * @param problems every problem found, in the profile and in the files it names
     */
    public record Result(RegisterDeviceProfile profile, CanDeviceProfile can, List<ProfileProblem> problems) {

        /** Every live profile the file describes: the register profile, then its CAN profile if it has one. */
        public List<DeviceProfile> profiles() {
            List<DeviceProfile> out = new ArrayList<>();
            if (profile != null) {
                out.add(profile);
            }
            if (can != null) {
                out.add(can);
            }
            return out;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private RegisterProfiles() {
    }

    /** Files beside the profile, in {@code folder}. */
    public static Companions folder(Path folder) {
        return name -> {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(file.toUri().toURL());
            } catch (MalformedURLException e) {
                return Optional.empty();
            }
        };
    }

    /** Reads a profile file and the files beside it that it names. */
    public static Result read(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            return new Result(null, null, List.of(new ProfileProblem(String.valueOf(file.getFileName()), "", -1, -1,
                    "cannot be read: " + e)));
        }
        Path folder = file.toAbsolutePath().getParent();
        return read(String.valueOf(file.getFileName()), json, folder(folder));
    }

    /** Reads a profile and what it names; never throws for bad content. */
    public static Result read(String source, byte[] json, Companions companions) {
        // the schema is read beside the profile, on a thread of its own: both are the first, slow, JSON bindings of a
        // start, and the first connection waits for the two
        String schemaName = parametersName(json);
        Optional<URL> schemaUrl = schemaName == null ? Optional.empty() : companions.find(schemaName);
        CompletableFuture<ParameterSchema> schemaLoad = schemaUrl.map(RegisterProfiles::loadAside).orElse(null);
        RegisterProfileLoader.Result loaded = new RegisterProfileLoader().read(source, json);
        if (loaded.profile() == null) {
            return new Result(null, null, loaded.problems());
        }
        RegisterProfile definition = loaded.profile();
        List<ProfileProblem> problems = new ArrayList<>();
        ParameterSchema schema = null;
        // a profile that loads has one top-level "parameters" string: the one read ahead
        if (definition.parameters() != null) {
            if (schemaLoad == null) {
                problems.add(at(source, json, "$.parameters", "names " + definition.parameters()
                        + ", which is not beside the profile"));
            } else {
                try {
                    schema = joined(schemaLoad);
                } catch (SchemaException e) {
                    problems.add(located(e, schemaUrl.get()));
                }
            }
        }
        if (schema != null && !schema.profileId().equals(definition.id())) {
            problems.add(at(source, json, "$.parameters", definition.parameters() + " is the parameter schema of profile '"
                    + schema.profileId() + "', not of '" + definition.id() + "'"));
        }
        if (schema != null && schema.persistence() == Persistence.RAM_THEN_FLASH && definition.persist() == null) {
            problems.add(at(source, json, "$", "the parameter schema stages writes in RAM (persistence ram-then-flash),"
                    + " so the profile needs $.persist, the write that flashes them"));
        }
        CanDeviceProfile can = null;
        if (definition.can() != null) {
            CanTwin.Outcome outcome = CanTwin.read(definition, schema, source, json, companions);
            problems.addAll(outcome.problems());
            can = outcome.profile();
        }
        if (!problems.isEmpty()) {
            return new Result(null, null, List.copyOf(problems));
        }
        return new Result(new RegisterDeviceProfile(definition, schema), can, List.of());
    }

    /** The top-level {@code parameters} string, read ahead of the profile; null when there is none or the JSON is broken. */
    private static String parametersName(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                if (parser.nextToken() == JsonToken.VALUE_STRING && member.equals("parameters")) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // the profile's own reading reports it
        }
    }

    private static CompletableFuture<ParameterSchema> loadAside(URL schema) {
        CompletableFuture<ParameterSchema> loading = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                loading.complete(ParameterSchemas.load(schema));
            } catch (SchemaException | RuntimeException e) {
                loading.completeExceptionally(e);
            }
        }, "bmsw-schema-loader");
        thread.setDaemon(true);
        thread.start();
        return loading;
    }

    private static ParameterSchema joined(CompletableFuture<ParameterSchema> loading) throws SchemaException {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SchemaException problem) {
                throw problem;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    /** The live profile; every problem in the exception otherwise. */
    public static RegisterDeviceProfile load(String source, byte[] json, Companions companions)
            throws ProfileFormatException {
        Result result = read(source, json, companions);
        if (result.profile() == null) {
            throw new ProfileFormatException(result.problems());
        }
        return result.profile();
    }

    /** The schema engine names the path of a rule's problem but not always its line: find it. */
    private static ProfileProblem located(SchemaException e, URL file) {
        if (e.line() > 0 || e.path() == null || e.path().isEmpty()) {
            return new ProfileProblem(e.source(), e.path(), e.line(), e.column(), e.reason());
        }
        try (var in = file.openStream()) {
            return at(e.source(), in.readAllBytes(), e.path(), e.reason());
        } catch (IOException io) {
            return new ProfileProblem(e.source(), e.path(), -1, -1, e.reason());
        }
    }

    /** A problem at {@code path} of a profile file, with the line and column there. */
    static ProfileProblem at(String source, byte[] json, String path, String message) {
        try {
            var location = org.bmsw.profile.modbus.internal.JsonPositions.of(json).locate(path);
            return new ProfileProblem(source, path, location == null ? -1 : location.getLineNr(),
                    location == null ? -1 : location.getColumnNr(), message);
        } catch (IOException e) {
            return new ProfileProblem(source, path, -1, -1, message);
        }
    }
}
