package org.bmsw.workbench.calibration.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bmsw.calibration.CalibrationInput;
import org.bmsw.calibration.CurrentConvention;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * What the user enters for the chosen procedure: a field per input, and for a current's sign convention a box of its
 * own that says plainly that the Smart BMS manual enters charging as negative and shows what the entry means.
 * UI thread only.
 */
final class EntryForm {

    static final String CONVENTION = "convention";

    private final Group group;
    private final Composite fieldsBox;
    private final Group signBox;
    private final Label signText;
    private final Label preview;
    private final Composite signChoices;
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final Map<String, Button> conventions = new LinkedHashMap<>();
    private List<CalibrationInput> inputs = List.of();
    private Locale locale;

    EntryForm(Composite parent, Locale locale) {
        this.locale = locale;
        group = new Group(parent, SWT.NONE);
        group.setLayout(new GridLayout(1, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        fieldsBox = new Composite(group, SWT.NONE);
        fieldsBox.setLayout(new GridLayout(3, false));
        fieldsBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        signBox = new Group(group, SWT.NONE);
        signBox.setLayout(new GridLayout(1, false));
        signBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        signBox.setBackground(Palette.CHANGED);
        signBox.setBackgroundMode(SWT.INHERIT_FORCE);
        signText = new Label(signBox, SWT.WRAP);
        GridData textData = new GridData(SWT.FILL, SWT.TOP, true, false);
        textData.widthHint = 410;
        signText.setLayoutData(textData);
        signChoices = new Composite(signBox, SWT.NONE);
        signChoices.setLayout(new GridLayout(1, false));
        for (CurrentConvention c : CurrentConvention.values()) {
            Button radio = new Button(signChoices, SWT.RADIO);
            radio.setData(CalibrationPage.NAME, "sign." + c.key());
            radio.setSelection(c == CurrentConvention.NATURAL);
            radio.addListener(SWT.Selection, e -> updatePreview());
            conventions.put(c.key(), radio);
        }
        preview = new Label(signBox, SWT.WRAP);
        preview.setData(CalibrationPage.NAME, "sign.preview");
        preview.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        relabel(locale);
        show(List.of());
    }

    /** The chosen procedure's inputs, empty fields. */
    void show(List<CalibrationInput> newInputs) {
        inputs = List.copyOf(newInputs);
        for (Control c : fieldsBox.getChildren()) {
            c.dispose();
        }
        fields.clear();
        boolean sign = false;
        for (CalibrationInput input : inputs) {
            if (input.key().equals(CONVENTION)) {
                sign = true;
                continue;
            }
            Label label = new Label(fieldsBox, SWT.NONE);
            label.setText(input.label().text(locale) + (input.required() ? " *" : ""));
            Control field;
            if (input.isChoice()) {
                Combo combo = new Combo(fieldsBox, SWT.READ_ONLY | SWT.DROP_DOWN);
                input.choiceLabels().forEach(l -> combo.add(l.text(locale)));
                combo.select(0);
                field = combo;
            } else {
                Text text = new Text(fieldsBox, SWT.BORDER);
                text.addListener(SWT.Modify, e -> updatePreview());
                GridData data = new GridData(SWT.LEFT, SWT.CENTER, false, false);
                data.widthHint = 110;
                text.setLayoutData(data);
                field = text;
            }
            field.setData(CalibrationPage.NAME, "input." + input.key());
            fields.put(input.key(), field);
            Label unit = new Label(fieldsBox, SWT.NONE);
            unit.setText(input.unit());
            if (input.hint() != null) {
                field.setToolTipText(input.hint().text(locale));
                label.setToolTipText(input.hint().text(locale));
            }
        }
        if (inputs.isEmpty()) {
            Label none = new Label(fieldsBox, SWT.NONE);
            none.setText(Messages.get(locale, "inputs.none"));
        }
        conventions.get(CurrentConvention.NATURAL.key()).setSelection(true);
        conventions.get(CurrentConvention.MANUAL.key()).setSelection(false);
        signBox.setVisible(sign);
        ((GridData) signBox.getLayoutData()).exclude = !sign;
        updatePreview();
        group.getParent().layout(true, true);
    }

    void relabel(Locale l) {
        locale = l;
        group.setText(Messages.get(l, "inputs.title"));
        signBox.setText(Messages.get(l, "sign.title"));
        signText.setText(Messages.get(l, "sign.text"));
        for (CurrentConvention c : CurrentConvention.values()) {
            conventions.get(c.key()).setText(c.label().text(l));
        }
        Map<String, String> typed = values();
        CurrentConvention chosen = convention();
        show(inputs);
        conventions.forEach((key, radio) -> radio.setSelection(key.equals(chosen.key())));
        typed.forEach((key, value) -> {
            if (fields.get(key) instanceof Text text) {
                text.setText(value);
            }
        });
    }

    /** The entries by input key, as typed; the convention as its key. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (CalibrationInput input : inputs) {
            if (input.key().equals(CONVENTION)) {
                values.put(CONVENTION, convention().key());
                continue;
            }
            Control field = fields.get(input.key());
            if (field instanceof Text text && !text.getText().isBlank()) {
                values.put(input.key(), text.getText().trim());
            } else if (field instanceof Combo combo && combo.getSelectionIndex() >= 0) {
                values.put(input.key(), input.choices().get(combo.getSelectionIndex()));
            }
        }
        return values;
    }

    void setEnabled(boolean enabled) {
        fields.values().forEach(f -> f.setEnabled(enabled));
        conventions.values().forEach(b -> b.setEnabled(enabled));
    }

    private CurrentConvention convention() {
        return conventions.get(CurrentConvention.MANUAL.key()).getSelection() ? CurrentConvention.MANUAL
                : CurrentConvention.NATURAL;
    }

    /** "−30 A entered with charging negative = 30.0 A charging", from the current field. */
    private void updatePreview() {
        if (!signBox.getVisible()) {
            return;
        }
        String text = inputs.stream().filter(i -> "A".equals(i.unit()) && fields.get(i.key()) instanceof Text)
                .map(i -> ((Text) fields.get(i.key())).getText().trim()).findFirst().orElse("");
        try {
            preview.setText("= " + convention().explain(Double.parseDouble(text)).text(locale));
        } catch (NumberFormatException e) {
            preview.setText(Messages.get(locale, "sign.enter"));
        }
        signBox.layout(true, true);
    }
}
