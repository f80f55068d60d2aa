package org.bmsw.workbench.calibration.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.bmsw.calibration.CalibrationService;
import org.bmsw.calibration.ReportEntry;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/** The saved reports, newest first; the selected one's text below. Files are read off the UI thread. */
final class ReportsView {

    private static final String[] COLUMNS = {"reports.time", "reports.calibration", "reports.device", "reports.outcome",
        "reports.summary"};
    private static final int[] WIDTHS = {140, 160, 190, 130, 500};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final CalibrationService service;
    private final Group group;
    private final Label folder;
    private final Button refresh;
    private final Table table;
    private final Text text;
    private Path dataDirectory;
    private List<ReportEntry> entries = List.of();
    private Locale locale;

    ReportsView(Composite parent, CalibrationService service, Path dataDirectory, Locale locale) {
        this.service = service;
        this.dataDirectory = dataDirectory;
        group = new Group(parent, SWT.NONE);
        group.setLayout(new GridLayout(2, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        folder = new Label(group, SWT.NONE);
        folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        refresh = new Button(group, SWT.PUSH);
        refresh.setData(CalibrationPage.NAME, "reports.refresh");
        refresh.addListener(SWT.Selection, e -> refresh());
        table = new Table(group, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setData(CalibrationPage.NAME, "reports.table");
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        tableData.heightHint = 110;
        table.setLayoutData(tableData);
        for (int width : WIDTHS) {
            new TableColumn(table, SWT.LEFT).setWidth(width);
        }
        table.addListener(SWT.Selection, e -> showSelected());
        text = new Text(group, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        text.setData(CalibrationPage.NAME, "reports.text");
        text.setFont(CalibrationPage.font(text, "Monospace", 0, SWT.NORMAL));
        GridData textData = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        textData.heightHint = 160;
        text.setLayoutData(textData);
        relabel(locale);
        refresh();
    }

    void relabel(Locale l) {
        locale = l;
        group.setText(Messages.get(l, "reports.title"));
        refresh.setText(Messages.get(l, "reports.refresh"));
        for (int i = 0; i < COLUMNS.length; i++) {
            table.getColumn(i).setText(Messages.get(l, COLUMNS[i]));
        }
        fill();
    }

    void dataDirectory(Path directory) {
        dataDirectory = directory;
    }

    /** Lists the folder on a worker, then fills the table. */
    void refresh() {
        Path dir = dataDirectory;
        Ui.background(table, () -> service.reports(dir), list -> {
            entries = list;
            fill();
        }, e -> folder.setText(e.getMessage()));
    }

    private void fill() {
        folder.setText(Messages.format(locale, "reports.folder", service.reportDirectory(dataDirectory)));
        table.removeAll();
        for (ReportEntry e : entries) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(new String[] {e.time() == null ? "?" : TIME.format(e.time()), e.title().text(locale), e.device(),
                e.outcome() == null ? Messages.get(locale, "reports.unreadable") : Messages.get(locale, "outcome." + e.outcome().name()),
                e.summary().text(locale)});
            row.setData(e);
        }
        group.layout(true, true);
    }

    private void showSelected() {
        int index = table.getSelectionIndex();
        if (index < 0) {
            return;
        }
        ReportEntry entry = (ReportEntry) table.getItem(index).getData();
        Path file = entry.textFile() != null ? entry.textFile() : entry.file();
        Ui.background(text, () -> Files.readString(file, StandardCharsets.UTF_8), text::setText,
                e -> text.setText(file + ": " + e.getMessage()));
    }
}
