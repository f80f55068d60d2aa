package org.bmsw.workbench.internal.pages;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.ParameterAccess;
import org.bmsw.device.api.ParameterValue;
import org.bmsw.schema.Comparison;
import org.bmsw.schema.ImportResult;
import org.bmsw.schema.ParameterComparison;
import org.bmsw.schema.ParameterFile;
import org.bmsw.schema.ParameterFiles;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.schema.Persistence;
import org.bmsw.schema.Problem;
import org.bmsw.schema.SafeBatchWriter;
import org.bmsw.schema.ValidationContext;
import org.bmsw.schema.ValidationResult;
import org.bmsw.schema.WritePreview;
import org.bmsw.schema.WriteRequest;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.internal.ConnectionController;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Ui;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parameters as the schema describes them, group by group: values with units and ranges, checked as they
 * are typed, edits highlighted until written; Read, Write (through the safe batch writer: backup, write
 * only what changes, read back, restore on failure, then a report), Import, Export, Compare; the engineer
 * lock; confirmation of dangerous changes; and for devices that stage in RAM (JDI) the manual's
 * "Calibration" then "Flash" with the unflashed changes shown.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=200")
public class ParametersPage implements WorkbenchPage {

    private static final Logger LOG = LoggerFactory.getLogger(ParametersPage.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final LiveTelemetry live;
    private final ConnectionController context;

    // UI thread only
    private Locale locale;
    private Composite root;
    private Label info;
    private Label unflashed;
    private Button read;
    private Button write;
    private Button flash;
    private Button revert;
    private Button importFile;
    private Button exportFile;
    private Button compare;
    private Button engineer;
    private ParameterTables tables;
    private Table problems;
    private DeviceSession session;
    private ParameterModel model;
    private boolean busy;
    private AutoCloseable contextWatch;
    private Set<String> unpersisted = Set.of();

    @Activate
    public ParametersPage(@Reference LiveTelemetry live, @Reference ConnectionController context) {
        this.live = live;
        this.context = context;
    }

    @Override
    public String id() {
        return "parameters";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.parameters.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(root, SWT.NONE);
        RowLayout rows = new RowLayout(SWT.HORIZONTAL);
        rows.center = true;
        rows.spacing = 6;
        bar.setLayout(rows);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        read = action(bar, "read", this::readFromDevice);
        write = action(bar, "write", this::writeToDevice);
        flash = action(bar, "flash", this::flashDevice);
        flash.setLayoutData(new RowData());
        revert = action(bar, "revert", this::revertEdits);
        importFile = action(bar, "import", this::importFromFile);
        exportFile = action(bar, "export", this::exportToFile);
        compare = action(bar, "compare", this::showCompareMenu);
        engineer = new Button(bar, SWT.TOGGLE);
        engineer.setData(Dialogs.ACTION, "engineer");
        engineer.addListener(SWT.Selection, e -> toggleEngineerMode());
        unflashed = new Label(bar, SWT.NONE);
        unflashed.setForeground(Palette.LOW);
        unflashed.setData(Dialogs.ACTION, "unflashed");
        info = new Label(root, SWT.WRAP);
        info.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        CTabFolder groups = new CTabFolder(root, SWT.BORDER | SWT.TOP);
        groups.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tables = new ParameterTables(groups, this::enterValue, locked -> context.status(true, "params.status.locked",
                locked[0], Messages.get(locale, locked[1])));
        problems = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        GridData problemData = new GridData(SWT.FILL, SWT.BOTTOM, true, false);
        problemData.heightHint = 90;
        problems.setLayoutData(problemData);
        new TableColumn(problems, SWT.LEFT).setWidth(160);
        new TableColumn(problems, SWT.LEFT).setWidth(900);
        problems.setData(Dialogs.ACTION, "problems");
        Display display = root.getDisplay();
        contextWatch = context.onChange(() -> Ui.later(display, root, this::followContext));
        relabel();
        followContext();
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        rebuildTables();
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(contextWatch);
    }

    // ------------------------------------------------------------------ actions users (and tests) take

    /** What the editor calls when the user finishes typing a value. */
    public void enterValue(String key, String text) {
        if (model == null) {
            return;
        }
        ParameterModel.Entry entry = model.enter(key, text, validationContext());
        refreshRow(key);
        if (entry == ParameterModel.Entry.REFUSED) {
            List<Problem> why = model.problemsOf(key, validationContext());
            context.status(key + ": " + (why.isEmpty() ? "" : why.get(0).message().text(locale)), true);
        }
    }

    /** Reads every parameter from the device (also done by itself on connect). */
    public void readFromDevice() {
        if (session == null || model == null || busy) {
            return;
        }
        DeviceSession from = session;
        ParameterAccess access = from.parameters();
        setBusy(true, "params.busy.reading");
        Ui.background(root, () -> access.read(access.keys()), values -> {
            setBusy(false, null);
            if (from != session) {
                return;
            }
            Map<String, Double> device = new LinkedHashMap<>();
            values.forEach((key, value) -> device.put(key, value.value()));
            model.deviceValues(device);
            unpersisted = access.unpersisted();
            rebuildTables();
            context.status(false, "params.status.read", values.size(), from.identity().describe());
        }, error -> failed("params.status.readFailed", error));
    }

    private void writeToDevice() {
        if (session == null || model == null || busy) {
            return;
        }
        if (model.hasRefused()) {
            context.status(true, "params.status.fixRefused");
            return;
        }
        if (model.edits().isEmpty()) {
            context.status(false, "params.status.nothingToWrite");
            return;
        }
        DeviceSession to = session;
        ParameterSchema schema = model.schema();
        Map<String, Double> wanted = new LinkedHashMap<>(model.edits());
        ValidationContext validation = validationContext();
        SafeBatchWriter writer = new SafeBatchWriter(schema);
        setBusy(true, "params.busy.checking");
        Ui.background(root, () -> writer.preview(to.parameters(), wanted, validation), preview -> {
            setBusy(false, null);
            if (to != session) {
                return;
            }
            confirmAndWrite(to, writer, wanted, validation, preview);
        }, error -> failed("params.status.readFailed", error));
    }

    private void confirmAndWrite(DeviceSession to, SafeBatchWriter writer, Map<String, Double> wanted,
                                 ValidationContext validation, WritePreview preview) {
        if (preview.changes().isEmpty()) {
            model.deviceValues(preview.current());
            rebuildTables();
            context.status(false, "params.status.alreadyThere");
            return;
        }
        context.status(false, "params.status.confirm");
        Set<String> confirmed = ParameterDialogs.confirmWrite(root.getShell(), locale, model.schema(), preview,
                to.identity().describe(), write.getText());
        if (confirmed == null) {
            context.status(false, "params.status.writeCancelled");
            return;
        }
        WriteRequest request = new WriteRequest(wanted, validation, confirmed, backupDirectory(), false);
        setBusy(true, "params.busy.writing");
        Ui.background(root, () -> writer.write(to.parameters(), to.identity(), request), report -> {
            setBusy(false, null);
            LOG.info("Parameter write to {}: {} ({} written, {} restored, failures {})", to.identity().describe(),
                    report.outcome(), report.written().size(), report.restored().size(), report.failures());
            context.status(report.summary().text(locale), !report.succeeded());
            if (report.succeeded()) {
                model.revertAll();
            }
            ParameterDialogs.report(root.getShell(), locale, model.schema(), report);
            readFromDevice();
        }, error -> failed("params.status.writeFailed", error));
    }

    private void flashDevice() {
        if (session == null || busy) {
            return;
        }
        if (!Dialogs.confirm(root.getShell(), Messages.get(locale, "params.flash.title"),
                Messages.format(locale, "params.flash.question", unpersisted.size()),
                Messages.get(locale, "params.action.flash"), Messages.get(locale, "dialog.cancel"), false)) {
            return;
        }
        DeviceSession to = session;
        setBusy(true, "params.busy.flashing");
        Ui.background(root, () -> {
            to.parameters().persist();
            return to.parameters().unpersisted();
        }, left -> {
            setBusy(false, null);
            unpersisted = left;
            rebuildTables();
            context.status(!left.isEmpty(), left.isEmpty() ? "params.status.flashed" : "params.status.flashIncomplete");
        }, error -> failed("params.status.flashFailed", error));
    }

    private void revertEdits() {
        if (model != null) {
            model.revertAll();
            rebuildTables();
        }
    }

    private void importFromFile() {
        if (model == null || busy) {
            return;
        }
        FileDialog chooser = new FileDialog(root.getShell(), SWT.OPEN);
        chooser.setFilterExtensions(new String[] {"*.json", "*"});
        chooser.setFilterPath(context.dataDirectory().toString());
        String chosen = chooser.open();
        if (chosen != null) {
            importFrom(Path.of(chosen));
        }
    }

    /** Reads a parameter file and takes its values as edits; nothing is written until the user writes. */
    public void importFrom(Path file) {
        ParameterSchema schema = model.schema();
        setBusy(true, "params.busy.importing");
        Ui.background(root, () -> ParameterFiles.read(schema, file), result -> {
            setBusy(false, null);
            if (!result.ok()) {
                showImportProblems(result);
                context.status(true, "params.status.importRefused", file.getFileName(),
                        result.errors().size());
                return;
            }
            int taken = model.takeFile(result.file().values(), validationContext());
            rebuildTables();
            context.status(model.hasRefused(), "params.status.imported", result.file().values().size(),
                    file.getFileName(), taken);
            if (!result.warnings().isEmpty()) {
                showImportProblems(result);
            }
        }, error -> failed("params.status.importFailed", error));
    }

    private void showImportProblems(ImportResult result) {
        List<String> lines = new ArrayList<>();
        result.problems().forEach(p -> lines.add((p.line() > 0 ? p.source() + ":" + p.line()
                + (p.column() > 0 ? ":" + p.column() : "") : p.source()) + "  " + (p.key() == null ? "" : p.key() + ": ")
                + p.message().text(locale)));
        Dialogs.lines(root.getShell(), Messages.get(locale, "params.import.title"),
                Messages.format(locale, result.ok() ? "params.import.warnings" : "params.import.errors",
                        result.source()), lines, Messages.get(locale, "dialog.close"));
    }

    private void exportToFile() {
        if (session == null || model == null || busy) {
            return;
        }
        FileDialog chooser = new FileDialog(root.getShell(), SWT.SAVE);
        chooser.setFilterExtensions(new String[] {"*.json"});
        chooser.setOverwrite(true);
        chooser.setFilterPath(context.dataDirectory().toString());
        chooser.setFileName(session.identity().profileId() + "-addr" + session.identity().address() + "-"
                + OffsetDateTime.now().format(FILE_TIME) + ".json");
        String chosen = chooser.open();
        if (chosen != null) {
            exportTo(Path.of(chosen));
        }
    }

    /** Reads the device's values afresh and writes them to {@code file}. */
    public void exportTo(Path file) {
        DeviceSession from = session;
        ParameterSchema schema = model.schema();
        setBusy(true, "params.busy.exporting");
        Ui.background(root, () -> {
            ParameterAccess access = from.parameters();
            Map<String, Double> values = new LinkedHashMap<>();
            for (ParameterValue v : access.read(access.keys()).values()) {
                values.put(v.key(), v.value());
            }
            ParameterFile content = ParameterFiles.export(schema, from.identity(), values, List.of(), OffsetDateTime.now());
            ParameterFiles.write(schema, content, file);
            return values.size();
        }, count -> {
            setBusy(false, null);
            context.status(false, "params.status.exported", count, file);
        }, error -> failed("params.status.exportFailed", error));
    }

    private void showCompareMenu() {
        Menu menu = new Menu(compare);
        MenuItem withFile = new MenuItem(menu, SWT.PUSH);
        withFile.setText(Messages.get(locale, "params.compare.deviceFile"));
        withFile.setEnabled(session != null && !model.device().isEmpty());
        withFile.addListener(SWT.Selection, e -> {
            Path file = chooseFile();
            if (file != null) {
                compareWith(file);
            }
        });
        MenuItem twoFiles = new MenuItem(menu, SWT.PUSH);
        twoFiles.setText(Messages.get(locale, "params.compare.fileFile"));
        twoFiles.addListener(SWT.Selection, e -> {
            Path left = chooseFile();
            Path right = left == null ? null : chooseFile();
            if (right != null) {
                compareFiles(left, right);
            }
        });
        Point at = compare.toDisplay(0, compare.getSize().y);
        menu.setLocation(at);
        // the items' listeners run before the menu is gone: dispose it after they had their turn
        menu.addListener(SWT.Hide, e -> menu.getDisplay().asyncExec(menu::dispose));
        menu.setVisible(true);
    }

    /** Device (as last read) against a file. */
    public void compareWith(Path file) {
        ParameterSchema schema = model.schema();
        Map<String, Double> device = new LinkedHashMap<>(model.device());
        Ui.background(root, () -> ParameterFiles.read(schema, file), result -> {
            if (!result.ok()) {
                showImportProblems(result);
                return;
            }
            ParameterDialogs.comparison(root.getShell(), locale, ParameterComparison.compare(schema, device,
                    result.file().values()), Messages.get(locale, "params.column.device"), file.getFileName().toString());
        }, error -> failed("params.status.importFailed", error));
    }

    private void compareFiles(Path left, Path right) {
        ParameterSchema schema = model.schema();
        Ui.background(root, () -> List.of(ParameterFiles.read(schema, left), ParameterFiles.read(schema, right)), results -> {
            for (ImportResult r : results) {
                if (!r.ok()) {
                    showImportProblems(r);
                    return;
                }
            }
            Comparison comparison = ParameterComparison.compare(schema, results.get(0).file().values(),
                    results.get(1).file().values());
            ParameterDialogs.comparison(root.getShell(), locale, comparison, left.getFileName().toString(),
                    right.getFileName().toString());
        }, error -> failed("params.status.importFailed", error));
    }

    private Path chooseFile() {
        FileDialog chooser = new FileDialog(root.getShell(), SWT.OPEN);
        chooser.setFilterExtensions(new String[] {"*.json", "*"});
        chooser.setFilterPath(context.dataDirectory().toString());
        String chosen = chooser.open();
        return chosen == null ? null : Path.of(chosen);
    }

    private void toggleEngineerMode() {
        if (context.unlocked() == AccessLevel.ENGINEER) {
            context.setUnlocked(AccessLevel.USER);
            return;
        }
        if (Dialogs.askEngineerMode(root.getShell(), locale)) {
            context.setUnlocked(AccessLevel.ENGINEER);
        } else {
            engineer.setSelection(false);
        }
    }

    // ------------------------------------------------------------------ state

    private void followContext() {
        engineer.setSelection(context.unlocked() == AccessLevel.ENGINEER);
        DeviceSession now = context.session().orElse(null);
        if (now == session) {
            rebuildTables();
            return;
        }
        session = now;
        model = now == null ? null : now.capability(ParameterSchema.class).map(ParameterModel::new).orElse(null);
        unpersisted = Set.of();
        relabel();
        rebuildTables();
        if (model != null) {
            readFromDevice();
        }
    }

    private ValidationContext validationContext() {
        String chemistry = session == null ? "" : live.latest(session).map(t -> t.pack().chemistry()).orElse("");
        return new ValidationContext(context.unlocked(), chemistry);
    }

    private Path backupDirectory() {
        return context.dataDirectory().resolve("backups");
    }

    private void setBusy(boolean on, String messageKey) {
        busy = on;
        if (messageKey != null) {
            context.status(false, messageKey);
        }
        updateButtons();
    }

    private void failed(String key, Exception error) {
        setBusy(false, null);
        LOG.warn("{} on {}: {}", key, session == null ? "no device" : session.identity().describe(), error.getMessage());
        context.status(true, key, error.getMessage());
    }

    private void updateButtons() {
        boolean device = session != null && model != null && !busy;
        boolean staging = model != null && model.schema().persistence() == Persistence.RAM_THEN_FLASH;
        read.setEnabled(device);
        write.setEnabled(device);
        flash.setEnabled(device && staging);
        flash.setVisible(staging);
        ((RowData) flash.getLayoutData()).exclude = !staging;
        revert.setEnabled(model != null && !busy);
        importFile.setEnabled(model != null && !busy);
        exportFile.setEnabled(device);
        compare.setEnabled(model != null && !busy);
        unflashed.setText(staging && !unpersisted.isEmpty()
                ? Messages.format(locale, "params.unflashed", unpersisted.size()) : "");
        unflashed.getParent().layout(true);
    }

    private void relabel() {
        boolean staging = model != null && model.schema().persistence() == Persistence.RAM_THEN_FLASH;
        read.setText(Messages.get(locale, "params.action.read"));
        write.setText(Messages.get(locale, staging ? "params.action.calibration" : "params.action.write"));
        flash.setText(Messages.get(locale, "params.action.flash"));
        revert.setText(Messages.get(locale, "params.action.revert"));
        importFile.setText(Messages.get(locale, "params.action.import"));
        exportFile.setText(Messages.get(locale, "params.action.export"));
        compare.setText(Messages.get(locale, "params.action.compare") + " ▾");
        engineer.setText(Messages.get(locale, "params.action.engineer"));
        String text;
        if (session == null) {
            text = Messages.get(locale, "params.info.noDevice");
        } else if (model == null) {
            text = Messages.format(locale, "params.info.noSchema", session.identity().describe());
        } else {
            text = Messages.format(locale, staging ? "params.info.staging" : "params.info.immediate",
                    session.identity().describe(), model.schema().parameters().size());
        }
        info.setText(text);
        root.layout(true, true);
    }

    private void rebuildTables() {
        ValidationResult validation = model == null ? null : model.validate(validationContext());
        tables.show(model, locale, context.unlocked(), unpersisted, validation);
        refreshProblems(validation);
        relabel();
        updateButtons();
    }

    /** After an entry: the row, and every edited row, since a rule may now hold or break for them too. */
    private void refreshRow(String key) {
        ValidationResult validation = model.validate(validationContext());
        tables.refresh(key, validation);
        refreshProblems(validation);
    }

    private void refreshProblems(ValidationResult result) {
        problems.removeAll();
        if (model == null) {
            return;
        }
        for (Problem p : result.problems()) {
            TableItem item = new TableItem(problems, SWT.NONE);
            item.setText(new String[] {String.join(", ", p.keys()), (p.isError() ? "✖ " : "⚠ ") + p.message().text(locale)});
            item.setForeground(p.isError() ? Palette.FAULT : Palette.ALARM_2);
        }
        if (problems.getItemCount() == 0) {
            new TableItem(problems, SWT.NONE).setText(new String[] {"", model.edits().isEmpty()
                    ? Messages.get(locale, "params.problems.none")
                    : Messages.format(locale, "params.problems.ready", model.edits().size())});
        }
    }

    private Button action(Composite parent, String name, Runnable run) {
        Button button = new Button(parent, SWT.PUSH);
        button.setData(Dialogs.ACTION, name);
        button.addListener(SWT.Selection, e -> run.run());
        return button;
    }
}
