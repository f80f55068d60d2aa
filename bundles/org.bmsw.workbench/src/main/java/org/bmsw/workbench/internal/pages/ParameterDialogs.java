package org.bmsw.workbench.internal.pages;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.schema.Comparison;
import org.bmsw.schema.ParameterDef;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Problem;
import org.bmsw.schema.WritePreview;
import org.bmsw.schema.WriteReport;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** The Parameters page's dialogs: what a write will do (and the confirmations it needs), what it did, a comparison. */
final class ParameterDialogs {

    private ParameterDialogs() {
    }

    /**
     * Shows the changes a write would make and asks for it. Errors allow no write; problems that need
     * confirmation need the user to tick that they read them.
     *
     * @return the confirmed problem ids when the user chose to write, null when not
     */
    static Set<String> confirmWrite(Shell parent, Locale locale, ParameterSchema schema, WritePreview preview,
                                    String device, String actionLabel) {
        Shell dialog = Dialogs.shell(parent, Messages.get(locale, "params.write.title"));
        Dialogs.text(dialog, Messages.format(locale, "params.write.intro", preview.changes().size(), device));
        Table table = Dialogs.table(dialog, Math.min(300, 30 + preview.changes().size() * 24),
                Messages.get(locale, "params.column.group"), Messages.get(locale, "params.column.key"),
                Messages.get(locale, "params.column.name"), Messages.get(locale, "params.column.device"),
                Messages.get(locale, "params.column.new"), Messages.get(locale, "params.column.unit"));
        for (var change : preview.changes().entrySet()) {
            ParameterDef def = schema.require(change.getKey());
            Double old = preview.current().get(change.getKey());
            Dialogs.row(table, groupLabel(schema, def, locale), def.key(), def.label().text(locale),
                    old == null ? "" : def.format(old), def.format(change.getValue()), def.unit());
        }
        Dialogs.pack(table);
        table.deselectAll();
        List<Problem> errors = preview.validation().errors();
        List<Problem> confirmations = preview.validation().confirmations();
        AtomicBoolean write = new AtomicBoolean();
        Composite bar;
        if (!errors.isEmpty()) {
            warning(dialog, Messages.get(locale, "params.write.errors"), Palette.FAULT);
            problems(dialog, errors, locale);
            bar = Dialogs.buttonBar(dialog);
            Dialogs.button(bar, Messages.get(locale, "dialog.close"), "cancel", dialog::close);
        } else {
            Button acknowledge = null;
            if (!confirmations.isEmpty()) {
                warning(dialog, Messages.get(locale, "params.write.confirmations"), Palette.ALARM_2);
                problems(dialog, confirmations, locale);
                acknowledge = new Button(dialog, SWT.CHECK);
                acknowledge.setText(Messages.get(locale, "params.write.acknowledge"));
                acknowledge.setData(Dialogs.ACTION, "acknowledge");
            }
            bar = Dialogs.buttonBar(dialog);
            Button go = Dialogs.button(bar, actionLabel, "write", () -> {
                write.set(true);
                dialog.close();
            });
            Dialogs.button(bar, Messages.get(locale, "dialog.cancel"), "cancel", dialog::close);
            if (acknowledge != null) {
                Button tick = acknowledge;
                go.setEnabled(false);
                tick.addListener(SWT.Selection, e -> go.setEnabled(tick.getSelection()));
            }
        }
        Dialogs.run(dialog);
        if (!write.get()) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        confirmations.forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** What a safe batch write did: outcome, backup, and per parameter written / verified / restored / failed. */
    static void report(Shell parent, Locale locale, ParameterSchema schema, WriteReport report) {
        Shell dialog = Dialogs.shell(parent, Messages.get(locale, "params.report.title"));
        Color colour = switch (report.outcome()) {
            case WRITTEN, UNCHANGED -> Palette.OK;
            case REFUSED, ABORTED, ROLLED_BACK -> Palette.ALARM_2;
            case ROLLBACK_FAILED, PERSIST_FAILED -> Palette.FAULT;
        };
        Label outcome = warning(dialog, Messages.get(locale, "params.report.outcome." + report.outcome().name()), colour);
        outcome.setData(Dialogs.ACTION, "outcome");
        Dialogs.text(dialog, report.summary().text(locale));
        if (report.backupFile() != null) {
            Dialogs.text(dialog, Messages.format(locale, "params.report.backup", report.backupFile()));
        }
        Set<String> keys = new LinkedHashSet<>(report.order());
        keys.addAll(report.restored());
        report.failures().stream().filter(f -> f.key() != null).forEach(f -> keys.add(f.key()));
        if (!keys.isEmpty()) {
            String yes = Messages.get(locale, "params.report.yes");
            Table table = Dialogs.table(dialog, Math.min(280, 30 + keys.size() * 24),
                    Messages.get(locale, "params.column.key"), Messages.get(locale, "params.column.name"),
                    Messages.get(locale, "params.report.written"), Messages.get(locale, "params.report.verified"),
                    Messages.get(locale, "params.report.restored"), Messages.get(locale, "params.report.failure"));
            for (String key : keys) {
                String label = schema.parameter(key).map(d -> d.label().text(locale)).orElse(key);
                String failure = report.failures().stream().filter(f -> key.equals(f.key())).map(WriteReport.Failure::reason)
                        .findFirst().orElse("");
                Dialogs.row(table, key, label, report.written().contains(key) ? yes : "",
                        report.verified().contains(key) ? yes : "", report.restored().contains(key) ? yes : "", failure);
            }
            Dialogs.pack(table);
        }
        List<String> general = report.failures().stream().filter(f -> f.key() == null).map(WriteReport.Failure::reason).toList();
        general.forEach(reason -> Dialogs.text(dialog, reason));
        if (!report.unpersisted().isEmpty()) {
            warning(dialog, Messages.format(locale, "params.report.unflashed", report.unpersisted().size()), Palette.ALARM_2);
        }
        if (!report.validation().ok() && report.outcome() == WriteReport.Outcome.REFUSED) {
            problems(dialog, report.validation().problems(), locale);
        }
        Composite bar = Dialogs.buttonBar(dialog);
        dialog.setDefaultButton(Dialogs.button(bar, Messages.get(locale, "dialog.close"), "close", dialog::close));
        Dialogs.run(dialog);
    }

    /** Two value sets side by side, differences first marked. */
    static void comparison(Shell parent, Locale locale, Comparison comparison, String leftTitle, String rightTitle) {
        Shell dialog = Dialogs.shell(parent, Messages.get(locale, "params.compare.title"));
        int differences = comparison.differences().size();
        Dialogs.text(dialog, differences == 0 ? Messages.format(locale, "params.compare.identical", comparison.rows().size())
                : Messages.format(locale, "params.compare.summary", differences, comparison.rows().size()));
        Button onlyDifferences = new Button(dialog, SWT.CHECK);
        onlyDifferences.setText(Messages.get(locale, "params.compare.onlyDifferences"));
        onlyDifferences.setSelection(differences > 0);
        Table table = Dialogs.table(dialog, 360, Messages.get(locale, "params.column.group"),
                Messages.get(locale, "params.column.key"), Messages.get(locale, "params.column.name"), leftTitle, rightTitle,
                Messages.get(locale, "params.column.unit"), "");
        Runnable fill = () -> {
            table.removeAll();
            for (Comparison.Row row : comparison.rows()) {
                if (onlyDifferences.getSelection() && !row.differs()) {
                    continue;
                }
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] {row.group(), row.key(), row.label().text(locale), row.leftText(), row.rightText(),
                        row.unit(), Messages.get(locale, "params.compare.status." + row.status().name())});
                if (row.differs()) {
                    item.setBackground(Palette.CHANGED);
                }
            }
            Dialogs.pack(table);
        };
        onlyDifferences.addListener(SWT.Selection, e -> fill.run());
        fill.run();
        Composite bar = Dialogs.buttonBar(dialog);
        dialog.setDefaultButton(Dialogs.button(bar, Messages.get(locale, "dialog.close"), "close", dialog::close));
        Dialogs.run(dialog);
    }

    /** One wrapped line per problem: the message says which values and why, and must be read in full. */
    private static void problems(Composite parent, List<Problem> problems, Locale locale) {
        for (Problem p : problems) {
            Label line = Dialogs.text(parent, (p.isError() ? "✖ " : "⚠ ") + String.join(", ", p.keys()) + ": "
                    + p.message().text(locale));
            ((GridData) line.getLayoutData()).horizontalIndent = 12;
        }
    }

    private static Label warning(Composite parent, String text, Color colour) {
        Label label = Dialogs.text(parent, text);
        label.setForeground(colour);
        GridData data = (GridData) label.getLayoutData();
        data.verticalIndent = 4;
        return label;
    }

    static String groupLabel(ParameterSchema schema, ParameterDef def, Locale locale) {
        return schema.group(def.group()).map(g -> g.label().text(locale)).orElse(def.group());
    }
}
