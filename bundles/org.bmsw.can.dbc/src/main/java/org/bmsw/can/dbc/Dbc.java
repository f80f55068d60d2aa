package org.bmsw.can.dbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bmsw.can.dbc.internal.DbcParser;

/**
 * A CAN database read from a DBC file at run time: messages ({@code BO_}) with their signals ({@code SG_}),
 * value descriptions ({@code VAL_}), comments ({@code CM_}) and attributes ({@code BA_DEF_}, {@code BA_DEF_DEF_},
 * {@code BA_}). Other sections are read past. Immutable.
 *
 * @param source               where it was read from, for messages
 * @param version              {@code VERSION} text
 * @param nodes                {@code BU_} names
 * @param messages             in file order
 * @param comment              the network comment ({@code CM_ "..."})
 * @param attributeDefinitions by name
 * @param attributes           network attributes ({@code BA_ "name" value;}) with defaults filled in
 */
public record Dbc(String source, String version, List<String> nodes, List<DbcMessage> messages, String comment,
                  Map<String, AttributeDefinition> attributeDefinitions, Map<String, Object> attributes) {

    public Dbc {
        Objects.requireNonNull(source, "source");
        nodes = List.copyOf(nodes);
        messages = List.copyOf(messages);
        attributeDefinitions = Map.copyOf(attributeDefinitions);
        attributes = Map.copyOf(attributes);
    }

    /**
     * Parses DBC text.
     *
     * @param source the name messages use, e.g. the file name
     */
    public static Dbc parse(String source, String text) throws DbcFormatException {
        return new DbcParser(source, text).parse();
    }

    /** Reads a DBC file: UTF-8, or Windows-1252 (what most DBC editors write) when it is not valid UTF-8. */
    public static Dbc load(Path file) throws DbcFormatException, IOException {
        return parse(String.valueOf(file.getFileName()), decode(Files.readAllBytes(file)));
    }

    /** Reads a DBC from a URL, e.g. a resource of a profile bundle. */
    public static Dbc load(URL url) throws DbcFormatException, IOException {
        String path = url.getPath();
        String source = path == null || path.isEmpty() ? url.toString() : path.substring(path.lastIndexOf('/') + 1);
        try (InputStream in = url.openStream()) {
            return parse(source, decode(in.readAllBytes()));
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
        }
    }

    /** The message with this identifier. */
    public Optional<DbcMessage> message(int id, boolean extended) {
        return messages.stream().filter(m -> m.id() == id && m.extended() == extended).findFirst();
    }

    public Optional<DbcMessage> message(String name) {
        return messages.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
