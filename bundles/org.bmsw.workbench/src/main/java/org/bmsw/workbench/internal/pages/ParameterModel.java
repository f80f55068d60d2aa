package org.bmsw.workbench.internal.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.ParameterValidator;
import org.bmsw.schema.Problem;
import org.bmsw.schema.ProblemSeverity;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.ValidationResult;

/**
 * The Parameters page's state without any widget: the device's values as last read, the user's edits on
 * top of them, entries refused with why, and validation through the schema. UI thread only.
 */
final class ParameterModel {

    /** What became of a typed entry. */
    enum Entry { EDITED, UNCHANGED, REFUSED }

    private final ParameterSchema schema;
    private final ParameterValidator validator;
    private final Map<String, Double> device = new LinkedHashMap<>();
    private final Map<String, Double> edits = new LinkedHashMap<>();
    /** Refused entries: the text as typed, so the user can correct it rather than retype it. */
    private final Map<String, String> refusedText = new LinkedHashMap<>();
    private final Map<String, List<Problem>> entryProblems = new LinkedHashMap<>();

    ParameterModel(ParameterSchema schema) {
        this.schema = schema;
        this.validator = new ParameterValidator(schema);
    }

    ParameterSchema schema() {
        return schema;
    }

    /** The device's values after a read; edits equal to them are dropped. */
    void deviceValues(Map<String, Double> values) {
        device.clear();
        device.putAll(values);
        edits.entrySet().removeIf(e -> sameAsDevice(e.getKey(), e.getValue()));
    }

    Map<String, Double> device() {
        return device;
    }

    Optional<Double> deviceValue(String key) {
        return Optional.ofNullable(device.get(key));
    }

    Map<String, Double> edits() {
        return edits;
    }

    boolean edited(String key) {
        return edits.containsKey(key);
    }

    Optional<String> refused(String key) {
        return Optional.ofNullable(refusedText.get(key));
    }

    boolean hasRefused() {
        return !refusedText.isEmpty();
    }

    /** The value to show: the edit, else the device's. */
    Optional<Double> value(String key) {
        Double edit = edits.get(key);
        return edit != null ? Optional.of(edit) : deviceValue(key);
    }

    /** Why the parameter cannot be edited now; empty when it can. */
    Optional<String> lockReason(ParameterDef def, AccessLevel unlocked) {
        if (!def.writable()) {
            return Optional.of("params.locked.readOnly");
        }
        if (def.access() == AccessLevel.FACTORY) {
            return Optional.of("params.locked.factory");
        }
        if (def.access().compareTo(unlocked) > 0) {
            return Optional.of("params.locked.engineer");
        }
        return Optional.empty();
    }

    /**
     * Takes what the user typed. A number (comma or point as decimal separator) or an enumeration's label;
     * checked against the schema at once; a refused entry is kept with its problems and never written.
     */
    Entry enter(String key, String text, ValidationContext context) {
        ParameterDef def = schema.require(key);
        String typed = text == null ? "" : text.trim();
        refusedText.remove(key);
        entryProblems.remove(key);
        if (typed.isEmpty()) {
            edits.remove(key);
            return Entry.UNCHANGED;
        }
        Double value = parse(def, typed);
        if (value == null) {
            refuse(key, typed, List.of(new Problem(key, null, def.unit(), Problem.NOT_A_NUMBER,
                    LocalizedText.of("'" + typed + "' is not a number", "“" + typed + "” 不是数字"),
                    ProblemSeverity.ERROR, null)));
            return Entry.REFUSED;
        }
        List<Problem> stored = validator.validateStoredValue(key, value);
        if (stored.stream().anyMatch(Problem::isError)) {
            refuse(key, typed, stored);
            return Entry.REFUSED;
        }
        if (sameAsDevice(key, value)) {
            edits.remove(key);
            return Entry.UNCHANGED;
        }
        List<Problem> problems = validator.validateValue(key, value, context);
        if (problems.stream().anyMatch(Problem::isError)) {
            refuse(key, typed, problems);
            return Entry.REFUSED;
        }
        edits.put(key, value);
        if (!problems.isEmpty()) {
            entryProblems.put(key, problems);
        }
        return Entry.EDITED;
    }

    /** Sets edits from a parameter file, keeping only values that differ from the device. */
    int takeFile(Map<String, Double> values, ValidationContext context) {
        int taken = 0;
        for (var e : values.entrySet()) {
            if (schema.parameter(e.getKey()).isEmpty()) {
                continue;
            }
            ParameterDef def = schema.require(e.getKey());
            if (enter(e.getKey(), def.format(e.getValue()), context) == Entry.EDITED) {
                taken++;
            }
        }
        return taken;
    }

    void revert(String key) {
        edits.remove(key);
        refusedText.remove(key);
        entryProblems.remove(key);
    }

    void revertAll() {
        edits.clear();
        refusedText.clear();
        entryProblems.clear();
    }

    /** Value problems of the entries plus every rule on device values overlaid with the edits. */
    ValidationResult validate(ValidationContext context) {
        List<Problem> all = new ArrayList<>();
        entryProblems.values().forEach(all::addAll);
        if (!edits.isEmpty()) {
            for (Problem p : validator.validateSet(device, edits, context).problems()) {
                if (!all.contains(p)) {
                    all.add(p);
                }
            }
        }
        return new ValidationResult(all);
    }

    /** The problems of one parameter, as the user should read them. */
    List<Problem> problemsOf(String key, ValidationContext context) {
        return validate(context).forKey(key);
    }

    private void refuse(String key, String typed, List<Problem> problems) {
        edits.remove(key);
        refusedText.put(key, typed);
        entryProblems.put(key, problems);
    }

    private boolean sameAsDevice(String key, double value) {
        Double current = device.get(key);
        return current != null && schema.require(key).sameOnDevice(current, value);
    }

    private static Double parse(ParameterDef def, String typed) {
        for (var option : def.enumeration().entrySet()) {
            for (String language : List.of("en", "zh")) {
                if (typed.equalsIgnoreCase(option.getValue().text(Locale.forLanguageTag(language)))) {
                    return option.getKey().doubleValue();
                }
            }
        }
        try {
            double value = Double.parseDouble(typed.replace(',', '.'));
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
