package org.bmsw.can.dbc;

import java.util.List;

/**
 * A {@code BA_DEF_} line: an attribute objects of one kind may carry, with its default ({@code BA_DEF_DEF_}).
 *
 * @param name         e.g. {@code GenMsgCycleTime}
 * @param objectType   what carries it
 * @param valueType    {@code INT}, {@code HEX}, {@code FLOAT}, {@code STRING} or {@code ENUM}
 * @param enumValues   the names of an {@code ENUM} attribute, in index order; empty otherwise
 * @param defaultValue a {@link Double} or {@link String}; null when no default is declared
 */
public record AttributeDefinition(String name, ObjectType objectType, String valueType, List<String> enumValues,
                                  Object defaultValue) {

    public AttributeDefinition {
        enumValues = List.copyOf(enumValues);
    }

    /** What an attribute belongs to. */
    public enum ObjectType {
        NETWORK, NODE, MESSAGE, SIGNAL, ENVIRONMENT_VARIABLE
    }
}
