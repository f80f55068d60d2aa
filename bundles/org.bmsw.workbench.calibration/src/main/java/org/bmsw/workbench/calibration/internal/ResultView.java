package org.bmsw.workbench.calibration.internal;

import java.util.Locale;

import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Measurement;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CalibrationResult.ParameterChange;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.StateLamp;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** A run's outcome: a lamp, the summary, readings before and after against their references, the parameters. */
final class ResultView {

    private static final String[] READING_COLUMNS = {"result.reading", "result.reference", "result.before", "result.error",
        "result.after", "result.error", "result.tolerance"};
    private static final String[] PARAMETER_COLUMNS = {"result.parameter", "result.before", "result.planned", "result.after"};

    private final Group group;
    private final StateLamp lamp;
    private final Label summary;
    private final Table readings;
    private final Table parameters;
    private final Label report;
    private CalibrationResult shown;
    private Locale locale;

    ResultView(Composite parent, Locale locale) {
        group = new Group(parent, SWT.NONE);
        group.setLayout(new GridLayout(1, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        lamp = new StateLamp(group);
        lamp.setData(CalibrationPage.NAME, "result.outcome");
        summary = new Label(group, SWT.WRAP);
        summary.setData(CalibrationPage.NAME, "result.summary");
        GridData summaryData = new GridData(SWT.FILL, SWT.TOP, true, false);
        summaryData.widthHint = 440;
        summary.setLayoutData(summaryData);
        readings = table(group, "result.readings", READING_COLUMNS.length, 56);
        parameters = table(group, "result.parameters", PARAMETER_COLUMNS.length, 80);
        report = new Label(group, SWT.WRAP);
        report.setData(CalibrationPage.NAME, "result.report");
        report.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        relabel(locale);
    }

    private static Table table(Composite parent, String name, int columns, int width) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setData(CalibrationPage.NAME, name);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.heightHint = 90;
        table.setLayoutData(data);
        for (int i = 0; i < columns; i++) {
            new TableColumn(table, SWT.LEFT).setWidth(i == 0 ? 160 : width);
        }
        return table;
    }

    void relabel(Locale l) {
        locale = l;
        group.setText(Messages.get(l, "result.title"));
        for (int i = 0; i < READING_COLUMNS.length; i++) {
            readings.getColumn(i).setText(Messages.get(l, READING_COLUMNS[i]));
        }
        for (int i = 0; i < PARAMETER_COLUMNS.length; i++) {
            parameters.getColumn(i).setText(Messages.get(l, PARAMETER_COLUMNS[i]));
        }
        show(shown);
    }

    /** Null clears. */
    void show(CalibrationResult result) {
        shown = result;
        readings.removeAll();
        parameters.removeAll();
        if (result == null) {
            lamp.set(Palette.OFF, "");
            summary.setText("");
            report.setText("");
            group.layout(true, true);
            return;
        }
        lamp.set(colour(result.outcome()), Messages.get(locale, "outcome." + result.outcome().name()));
        summary.setText(result.summary().text(locale));
        for (Measurement m : result.measurements()) {
            int d = "A".equals(m.unit()) ? 2 : 1;
            TableItem row = new TableItem(readings, SWT.NONE);
            row.setText(new String[] {m.label().text(locale) + " [" + m.unit() + "]", number(m.reference(), d),
                number(m.before(), d), signed(m.errorBefore(), d), number(m.after(), d), signed(m.errorAfter(), d),
                Double.isFinite(m.tolerance()) ? "±" + number(m.tolerance(), d) : "–"});
            if (Double.isFinite(m.after()) && Double.isFinite(m.tolerance())) {
                row.setBackground(5, m.withinTolerance() ? null : Palette.INVALID);
            }
        }
        for (ParameterChange p : result.parameters()) {
            TableItem row = new TableItem(parameters, SWT.NONE);
            row.setText(new String[] {p.key() + "  " + p.label().text(locale), value(p.before()), value(p.planned()),
                value(p.after())});
        }
        report.setText(result.textReport() == null ? "" : Messages.format(locale, "result.report", result.textReport()));
        group.layout(true, true);
    }

    private static Color colour(Outcome outcome) {
        return switch (outcome) {
            case CALIBRATED -> Palette.OK;
            case DRY_RUN -> Palette.LOW;
            case REFUSED, CANCELLED, ABORTED -> Palette.ALARM_2;
            case ROLLED_BACK -> Palette.ALARM_1;
            case FAILED -> Palette.FAULT;
        };
    }

    private static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }

    private static String signed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+." + decimals + "f", v) : "–";
    }

    private static String value(Double v) {
        return v == null ? "–" : v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
    }
}
