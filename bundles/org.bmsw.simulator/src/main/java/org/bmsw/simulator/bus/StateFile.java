package org.bmsw.simulator.bus;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameter values of a bus's devices between runs, as JSON:
 * {@code {"format":"bmsw-simulator-state/1","devices":{"1":{"profile":"smartbms.v4","parameters":{"COV":3.65}}}}}.
 * Written to a temporary file and moved into place, so a crash never leaves half a file.
 */
final class StateFile {

    static final String FORMAT = "bmsw-simulator-state/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What one address held. */
    record Saved(String profileId, Map<String, Double> parameters) {
    }

    private StateFile() {
    }

    /** Empty when the file does not exist yet. */
    static Map<Integer, Saved> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("simulator state " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("simulator state " + file + " is not a " + FORMAT + " file");
        }
        Map<Integer, Saved> devices = new TreeMap<>();
        var fields = root.path("devices").fields();
        while (fields.hasNext()) {
            var device = fields.next();
            int address;
            try {
                address = Integer.parseInt(device.getKey());
            } catch (NumberFormatException e) {
                throw new IOException("simulator state " + file + ": device key '" + device.getKey()
                        + "' is not an address");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            var params = device.getValue().path("parameters").fields();
            while (params.hasNext()) {
                var p = params.next();
                if (!p.getValue().isNumber()) {
                    throw new IOException("simulator state " + file + ": device " + address + " parameter "
                            + p.getKey() + " is not a number");
                }
                values.put(p.getKey(), p.getValue().doubleValue());
            }
            devices.put(address, new Saved(device.getValue().path("profile").asText(), values));
        }
        return devices;
    }

    static void write(Path file, Map<Integer, Saved> devices) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode all = root.putObject("devices");
        devices.forEach((address, saved) -> {
            ObjectNode device = all.putObject(Integer.toString(address));
            device.put("profile", saved.profileId());
            ObjectNode params = device.putObject("parameters");
            saved.parameters().forEach(params::put);
        });
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temp.toFile(), root);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
