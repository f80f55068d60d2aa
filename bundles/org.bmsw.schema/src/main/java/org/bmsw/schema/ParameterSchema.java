package org.bmsw.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bmsw.device.api.LocalizedText;

/**
 * A profile's parameters, rules and envelopes: immutable, checked when it was loaded
 * ({@link ParameterSchemas#load}). Parameters are listed group by group (in group order), each group in
 * the order of the schema file.
 */
public final class ParameterSchema {

    private final int formatVersion;
    private final String profileId;
    private final LocalizedText name;
    private final List<String> models;
    private final Persistence persistence;
    private final List<ParameterGroup> groups;
    private final List<ParameterDef> parameters;
    private final Map<String, ParameterDef> byKey;
    private final Map<String, ParameterGroup> groupsByKey;
    private final List<Rule> rules;
    private final List<Envelope> envelopes;
    private final String source;

    public ParameterSchema(int formatVersion, String profileId, LocalizedText name, List<String> models,
                           Persistence persistence, List<ParameterGroup> groups, List<ParameterDef> parameters,
                           List<Rule> rules, List<Envelope> envelopes, String source) {
        this.formatVersion = formatVersion;
        this.profileId = Objects.requireNonNull(profileId, "profileId");
        this.name = name;
        this.models = List.copyOf(models);
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        List<ParameterGroup> sortedGroups = new ArrayList<>(groups);
        sortedGroups.sort(Comparator.comparingInt(ParameterGroup::order));
        this.groups = List.copyOf(sortedGroups);
        Map<String, ParameterGroup> gmap = new LinkedHashMap<>();
        for (ParameterGroup g : this.groups) {
            if (gmap.put(g.key(), g) != null) {
                throw new IllegalArgumentException("duplicate group " + g.key());
            }
        }
        this.groupsByKey = Collections.unmodifiableMap(gmap);
        List<ParameterDef> ordered = new ArrayList<>();
        for (ParameterGroup g : this.groups) {
            for (ParameterDef p : parameters) {
                if (p.group().equals(g.key())) {
                    ordered.add(p);
                }
            }
        }
        if (ordered.size() != parameters.size()) {
            throw new IllegalArgumentException("a parameter names a group the schema does not have");
        }
        this.parameters = List.copyOf(ordered);
        Map<String, ParameterDef> map = new LinkedHashMap<>();
        for (ParameterDef p : this.parameters) {
            if (map.put(p.key(), p) != null) {
                throw new IllegalArgumentException("duplicate parameter " + p.key());
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
        this.rules = List.copyOf(rules);
        this.envelopes = List.copyOf(envelopes);
        this.source = source == null ? "" : source;
    }

    /** Version of the schema file format this schema was written in. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The device profile's id, e.g. {@code smartbms.v4}; parameter files must name the same. */
    public String profileId() {
        return profileId;
    }

    /** Display name of the profile; may be null. */
    public LocalizedText name() {
        return name;
    }

    /** Models the schema covers. */
    public List<String> models() {
        return models;
    }

    public Persistence persistence() {
        return persistence;
    }

    /** Groups in display order. */
    public List<ParameterGroup> groups() {
        return groups;
    }

    public Optional<ParameterGroup> group(String key) {
        return Optional.ofNullable(groupsByKey.get(key));
    }

    /** Every parameter, group by group. */
    public List<ParameterDef> parameters() {
        return parameters;
    }

    /** Every key, in {@link #parameters()} order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(byKey.keySet()));
    }

    public Optional<ParameterDef> parameter(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** @throws IllegalArgumentException when the schema has no such parameter */
    public ParameterDef require(String key) {
        ParameterDef def = byKey.get(key);
        if (def == null) {
            throw new IllegalArgumentException(profileId + " has no parameter " + key);
        }
        return def;
    }

    public List<ParameterDef> parametersIn(String groupKey) {
        return parameters.stream().filter(p -> p.group().equals(groupKey)).toList();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Rules that read {@code key}. */
    public List<Rule> rulesFor(String key) {
        return rules.stream().filter(r -> r.keys().contains(key)).toList();
    }

    public List<Envelope> envelopes() {
        return envelopes;
    }

    /**
     * The envelopes that apply to a pack of this chemistry: the matching one, or all of them when the
     * chemistry is unknown (null, empty) or not one the schema describes.
     */
    public List<Envelope> envelopesFor(String chemistry) {
        List<Envelope> matching = envelopes.stream().filter(e -> e.matches(chemistry)).toList();
        return matching.isEmpty() ? envelopes : matching;
    }

    /** Defaults of every parameter that has one. */
    public Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        for (ParameterDef p : parameters) {
            if (p.defaultValue() != null) {
                d.put(p.key(), p.defaultValue());
            }
        }
        return d;
    }

    /** Where the schema was loaded from (file name or URL), for messages. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "ParameterSchema[" + profileId + ", " + parameters.size() + " parameters, " + rules.size() + " rules, "
                + source + "]";
    }
}
