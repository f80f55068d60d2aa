package org.bmsw.workbench.internal.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.bmsw.device.api.AccessLevel;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterGroup;
import org.bmsw.schema.Problem;
import org.bmsw.schema.ValidationResult;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.TableEditor;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The Parameters page's tables, one tab per schema group: key, name, value, unit, range, the device's value
 * and access, the value cell coloured by the state of the entry and edited in place (a text field, or a
 * list for enumerations). UI thread only.
 */
final class ParameterTables {

    private static final int VALUE_COLUMN = 2;
    private static final String[] HEADERS = {"params.column.key", "params.column.name", "params.column.value",
            "params.column.unit", "params.column.range", "params.column.device", "params.column.access"};

    private final CTabFolder folder;
    private final BiConsumer<String, String> entry;
    private final Consumer<String[]> locked;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private ParameterModel model;
    private Locale locale = Locale.ENGLISH;
    private AccessLevel unlocked = AccessLevel.USER;
    private Set<String> unpersisted = Set.of();

    /**
     * @param entry  what the user typed for a key
     * @param locked told (key, message key) when the user tries to edit a parameter that is locked
     */
    ParameterTables(CTabFolder folder, BiConsumer<String, String> entry, Consumer<String[]> locked) {
        this.folder = folder;
        this.entry = entry;
        this.locked = locked;
    }

    /** Shows the model: tabs made or replaced when the schema's groups change, every row filled. */
    void show(ParameterModel newModel, Locale newLocale, AccessLevel newUnlocked, Set<String> newUnpersisted,
              ValidationResult validation) {
        model = newModel;
        locale = newLocale;
        unlocked = newUnlocked;
        unpersisted = newUnpersisted;
        Set<String> groups = new LinkedHashSet<>();
        if (model != null) {
            model.schema().groups().forEach(g -> groups.add(g.key()));
        }
        if (!groups.equals(tables.keySet())) {
            for (CTabItem item : folder.getItems()) {
                item.getControl().dispose();
                item.dispose();
            }
            tables.clear();
            if (model != null) {
                for (ParameterGroup group : model.schema().groups()) {
                    CTabItem item = new CTabItem(folder, SWT.NONE);
                    item.setData(group.key());
                    Table table = table(folder, group.key());
                    item.setControl(table);
                    tables.put(group.key(), table);
                }
                folder.setSelection(0);
            }
        }
        if (model == null) {
            return;
        }
        for (CTabItem item : folder.getItems()) {
            String key = (String) item.getData();
            model.schema().group(key).ifPresent(g -> {
                String label = g.label().text(locale);
                item.setText(label.equalsIgnoreCase(g.key()) ? label : label + "  " + g.key());
            });
            Table table = tables.get(key);
            for (int i = 0; i < HEADERS.length; i++) {
                table.getColumn(i).setText(Messages.get(locale, HEADERS[i]));
            }
            List<ParameterDef> defs = model.schema().parametersIn(key);
            if (table.getItemCount() != defs.size()) {
                table.removeAll();
                defs.forEach(d -> new TableItem(table, SWT.NONE).setData(d.key()));
            }
            for (TableItem row : table.getItems()) {
                fillRow(row, model.schema().require((String) row.getData()), validation);
            }
            if (table.getData("packed") == null && !model.device().isEmpty()) {
                for (TableColumn column : table.getColumns()) {
                    column.pack();
                    column.setWidth(Math.min(Math.max(column.getWidth() + 12, 70), 330));
                }
                table.setData("packed", Boolean.TRUE);
            }
        }
    }

    /** The row of {@code key} and every edited row: a rule may now hold or break for them too. */
    void refresh(String key, ValidationResult validation) {
        for (Table table : tables.values()) {
            for (TableItem row : table.getItems()) {
                String rowKey = (String) row.getData();
                if (key.equals(rowKey) || model.edited(rowKey)) {
                    fillRow(row, model.schema().require(rowKey), validation);
                }
            }
        }
    }

    /**
     * The value cell says the state of the entry: red refused or breaking a rule, orange needing confirmation,
     * yellow changed, blue written to RAM and not flashed.
     */
    private void fillRow(TableItem row, ParameterDef def, ValidationResult validation) {
        String key = def.key();
        String value = model.refused(key).orElseGet(() -> model.value(key).map(v -> shown(def, v)).orElse(""));
        String device = model.deviceValue(key).map(v -> shown(def, v)).orElse(
                model.device().isEmpty() ? "" : Messages.get(locale, "params.notOnDevice"));
        String range = def.enumerated() ? Messages.format(locale, "params.range.choices", def.enumeration().size())
                : def.format(def.min()) + " … " + def.format(def.max());
        String access = Messages.get(locale, "params.access." + def.access().name().toLowerCase(Locale.ROOT))
                + (def.dangerous() != null ? "  ⚠" : "")
                + (model.lockReason(def, unlocked).isPresent() ? "  · " + Messages.get(locale, "params.locked") : "");
        row.setText(new String[] {key, def.label().text(locale), value, def.unit(), range, device, access});
        boolean edited = model.edited(key);
        List<Problem> problemsHere = edited ? validation.forKey(key) : List.of();
        boolean refused = model.refused(key).isPresent() || problemsHere.stream().anyMatch(Problem::isError);
        row.setBackground(VALUE_COLUMN, refused ? Palette.INVALID : !problemsHere.isEmpty() ? Palette.CONFIRM
                : edited ? Palette.CHANGED : unpersisted.contains(key) ? Palette.UNFLASHED : null);
        row.setForeground(model.lockReason(def, unlocked).isPresent() ? Palette.MUTED : null);
    }

    /** An enumerated value with its meaning, unless the meaning only repeats it ("9600 bit/s"). */
    private String shown(ParameterDef def, double value) {
        String number = def.format(value);
        return def.enumLabel(value).map(label -> label.text(locale))
                .map(label -> label.startsWith(number) ? number : number + "  (" + label + ")").orElse(number);
    }

    private Table table(Composite parent, String group) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setData(Dialogs.ACTION, "group." + group);
        for (int i = 0; i < 7; i++) {
            new TableColumn(table, SWT.LEFT);
        }
        TableEditor editor = new TableEditor(table);
        editor.grabHorizontal = true;
        table.addListener(SWT.MouseDown, e -> {
            TableItem row = table.getItem(new Point(e.x, e.y));
            if (row != null && row.getBounds(VALUE_COLUMN).contains(e.x, e.y)) {
                startEditing(table, editor, row);
            }
        });
        return table;
    }

    private void startEditing(Table table, TableEditor editor, TableItem row) {
        if (model == null) {
            return;
        }
        ParameterDef def = model.schema().require((String) row.getData());
        var reason = model.lockReason(def, unlocked);
        if (reason.isPresent()) {
            locked.accept(new String[] {def.key(), reason.get()});
            return;
        }
        Control old = editor.getEditor();
        if (old != null) {
            old.dispose();
        }
        String current = model.refused(def.key()).orElseGet(() -> model.value(def.key()).map(def::format).orElse(""));
        if (def.enumerated()) {
            Combo choice = new Combo(table, SWT.READ_ONLY);
            def.enumeration().forEach((value, label) -> choice.add(def.format(value) + "  (" + label.text(locale) + ")"));
            List<Long> values = new ArrayList<>(def.enumeration().keySet());
            model.value(def.key()).ifPresent(v -> choice.select(values.indexOf(Math.round(v))));
            choice.addListener(SWT.Selection, e -> {
                if (choice.getSelectionIndex() >= 0) {
                    entry.accept(def.key(), Long.toString(values.get(choice.getSelectionIndex())));
                }
            });
            choice.addListener(SWT.FocusOut, e -> choice.dispose());
            editor.setEditor(choice, row, VALUE_COLUMN);
            choice.setFocus();
            return;
        }
        Text text = new Text(table, SWT.NONE);
        text.setText(current);
        text.selectAll();
        text.setToolTipText(def.formatWithUnit(def.min()) + " … " + def.formatWithUnit(def.max())
                + (def.dangerous() != null ? "\n⚠ " + def.dangerous().reason().text(locale) : ""));
        Runnable commit = () -> {
            if (!text.isDisposed()) {
                String typed = text.getText();
                text.dispose();
                entry.accept(def.key(), typed);
            }
        };
        text.addListener(SWT.DefaultSelection, e -> commit.run());
        text.addListener(SWT.FocusOut, e -> commit.run());
        text.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ESCAPE) {
                text.dispose();
                e.doit = false;
            }
        });
        editor.setEditor(text, row, VALUE_COLUMN);
        text.setFocus();
    }
}
