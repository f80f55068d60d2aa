package org.bmsw.calibration;

import java.util.List;
import java.util.Objects;

import org.bmsw.device.api.LocalizedText;

/**
 * Something the user enters for a procedure, e.g. the reference meter's current.
 *
 * @param key          the key of the value in {@link CalibrationRequest#inputs()}
 * @param label        what to enter
 * @param unit         "A", "°C", "mV", "%"; "" for choices
 * @param hint         how to get the value, or what the choices mean; null when none
 * @param required     the procedure refuses to run without it
 * @param choices      allowed values for a choice, the first being the default; empty for a number
 * @param choiceLabels what each choice means, same order as {@code choices}
 */
public record CalibrationInput(String key, LocalizedText label, String unit, LocalizedText hint, boolean required,
                               List<String> choices, List<LocalizedText> choiceLabels) {

    public CalibrationInput {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
        choiceLabels = choiceLabels == null ? List.of() : List.copyOf(choiceLabels);
        if (choices.size() != choiceLabels.size()) {
            throw new IllegalArgumentException(key + ": every choice needs a label");
        }
    }

    /** A number in {@code unit}. */
    public static CalibrationInput number(String key, LocalizedText label, String unit, LocalizedText hint,
                                          boolean required) {
        return new CalibrationInput(key, label, unit, hint, required, List.of(), List.of());
    }

    public boolean isChoice() {
        return !choices.isEmpty();
    }
}
