package org.bmsw.workbench.firmware.internal;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.FirmwareUpdateSupport;
import org.bmsw.firmware.Check;
import org.bmsw.firmware.Finding;
import org.bmsw.firmware.Firmware;
import org.bmsw.firmware.FirmwareFlasher;
import org.bmsw.firmware.FirmwareImages;
import org.bmsw.firmware.FirmwareValidator;
import org.bmsw.firmware.FlashException;
import org.bmsw.firmware.FlashHooks;
import org.bmsw.firmware.FlashPhase;
import org.bmsw.firmware.FlashProgress;
import org.bmsw.firmware.FlashReport;
import org.bmsw.firmware.FlashRequest;
import org.bmsw.firmware.FpPackage;
import org.bmsw.firmware.ParameterBackup;
import org.bmsw.firmware.TargetDevice;
import org.bmsw.firmware.ValidationSummary;
import org.bmsw.protocol.xcp.XcpMaster;
import org.bmsw.protocol.xcp.XcpTransports;
import org.bmsw.schema.ParameterSchema;
import org.bmsw.transport.api.ByteLink;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Firmware page: choose an image, see it checked against the connected device (model, hardware revision,
 * version, hashes, signature, flash map, downgrade) before anything is sent, confirm what will happen, and flash it
 * with a progress bar (bytes, percent, rate, time left) that can be cancelled safely; the parameters are backed up
 * before and restored after when asked. Reading, validating and flashing run off the UI thread.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=500")
public class FirmwarePage implements WorkbenchPage {

    /** Widget data naming the page's controls, the same key the workbench's own pages use. */
    static final String ACTION = "bmsw.action";
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final WorkbenchContext context;
    private final FirmwareValidator validator;
    private final LiveTelemetry live;

    // UI thread only
    private Locale locale;
    private Composite root;
    private Group fileGroup;
    private Text path;
    private Button choose;
    private Button check;
    private Label hint;
    private Group validationGroup;
    private Table table;
    private Label summaryLine;
    private Button backup;
    private Button allowDowngrade;
    private Button allowBareImage;
    private Button allowUntrusted;
    private Button flash;
    private Button cancel;
    private Group progressGroup;
    private ProgressBar bar;
    private Label progressLine;
    private Label result;
    private ValidationSummary summary;
    private FirmwareFlasher running;
    private AutoCloseable contextWatch;

    @Activate
    public FirmwarePage(@Reference WorkbenchContext context, @Reference FirmwareValidator validator,
                        @Reference LiveTelemetry live) {
        this.context = context;
        this.validator = validator;
        this.live = live;
    }

    @Override
    public String id() {
        return "firmware";
    }

    @Override
    public String title(Locale l) {
        return PageMessages.get(l, "page.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));

        fileGroup = group(3);
        path = new Text(fileGroup, SWT.BORDER);
        path.setData(ACTION, "firmware.path");
        path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        path.addListener(SWT.DefaultSelection, e -> check());
        choose = button(fileGroup, SWT.PUSH, "firmware.choose", this::choose);
        check = button(fileGroup, SWT.PUSH, "firmware.check", this::check);
        hint = new Label(fileGroup, SWT.NONE);
        hint.setForeground(Palette.MUTED);
        hint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));

        validationGroup = group(1);
        validationGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = new Table(validationGroup, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setData(ACTION, "firmware.validation");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (int i = 0; i < 4; i++) {
            new TableColumn(table, SWT.LEFT);
        }
        summaryLine = new Label(validationGroup, SWT.WRAP);
        summaryLine.setData(ACTION, "firmware.summary");
        summaryLine.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        backup = button(validationGroup, SWT.CHECK, "firmware.backup", () -> { });
        backup.setSelection(true);
        allowDowngrade = button(validationGroup, SWT.CHECK, "firmware.allowDowngrade", this::updateButtons);
        allowBareImage = button(validationGroup, SWT.CHECK, "firmware.allowBareImage", this::updateButtons);
        allowUntrusted = button(validationGroup, SWT.CHECK, "firmware.allowUntrusted", this::updateButtons);
        for (Button option : List.of(allowDowngrade, allowBareImage, allowUntrusted)) {
            option.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        }
        Composite actions = new Composite(validationGroup, SWT.NONE);
        actions.setLayout(new GridLayout(2, false));
        flash = button(actions, SWT.PUSH, "firmware.flash", this::flash);
        cancel = button(actions, SWT.PUSH, "firmware.cancel", this::cancel);

        progressGroup = group(1);
        bar = new ProgressBar(progressGroup, SWT.HORIZONTAL | SWT.SMOOTH);
        bar.setData(ACTION, "firmware.progress");
        bar.setMaximum(1000);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        progressLine = new Label(progressGroup, SWT.NONE);
        progressLine.setData(ACTION, "firmware.progressLine");
        progressLine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        result = new Label(progressGroup, SWT.WRAP);
        result.setData(ACTION, "firmware.result");
        GridData resultData = new GridData(SWT.FILL, SWT.TOP, true, false);
        resultData.widthHint = 600;
        result.setLayoutData(resultData);

        relabel();
        contextWatch = context.onChange(() -> Ui.later(root.getDisplay(), root, this::deviceChanged));
        deviceChanged();
    }

    private Group group(int columns) {
        Group group = new Group(root, SWT.NONE);
        group.setLayout(new GridLayout(columns, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return group;
    }

    private static Button button(Composite parent, int style, String action, Runnable onPress) {
        Button button = new Button(parent, style);
        button.setData(ACTION, action);
        button.addListener(SWT.Selection, e -> onPress.run());
        return button;
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        if (summary != null) {
            show(summary);
        }
    }

    private void relabel() {
        fileGroup.setText(text("file.group"));
        choose.setText(text("file.choose"));
        check.setText(text("file.check"));
        hint.setText(text("file.hint"));
        validationGroup.setText(text("validation.group"));
        String[] headers = {"column.check", "column.image", "column.device", "column.result"};
        for (int i = 0; i < headers.length; i++) {
            table.getColumn(i).setText(text(headers[i]));
        }
        backup.setText(text("option.backup"));
        allowDowngrade.setText(text("option.downgrade"));
        allowBareImage.setText(text("option.identity"));
        allowUntrusted.setText(text("option.untrusted"));
        flash.setText(text("action.flash"));
        cancel.setText(text("action.cancel"));
        progressGroup.setText(text("progress.group"));
        if (running == null && bar.getSelection() == 0) {
            progressLine.setText(text("progress.idle"));
        }
        root.layout(true, true);
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(contextWatch);
        if (running != null) {
            running.cancel(); // the device is left waiting in its bootloader with its old image; flashing again completes
        }
    }

    // ------------------------------------------------------------------------------------------------ checking

    private void deviceChanged() {
        if (running != null) {
            return;
        }
        summary = null;
        table.removeAll();
        line(context.session().isPresent() ? text("summary.none") : text("status.noDevice"), false);
        updateButtons();
    }

    private void choose() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] {"*.fp;*.fpk;*.s19;*.s28;*.s37;*.srec;*.mot;*.hex;*.ihex", "*"});
        String chosen = dialog.open();
        if (chosen != null) {
            path.setText(chosen);
            check();
        }
    }

    /** Reads the file and validates it against the connected device, off the UI thread. */
    private void check() {
        Optional<DeviceSession> session = context.session();
        String file = path.getText().strip();
        summary = null;
        table.removeAll();
        updateButtons();
        if (session.isEmpty()) {
            line(text("status.noDevice"), true);
            return;
        }
        if (file.isEmpty()) {
            line(text("summary.none"), false);
            return;
        }
        line(PageMessages.format(locale, "status.reading", file), false);
        Ui.background(root, () -> {
            Firmware firmware = FirmwareImages.read(Path.of(file));
            return validator.validate(firmware, target(session.get()));
        }, this::show, e -> line(e.getMessage(), true));
    }

    private TargetDevice target(DeviceSession session) {
        FirmwareUpdateSupport support = session.capability(FirmwareUpdateSupport.class).orElseThrow(() ->
                new IllegalStateException(PageMessages.format(locale, "status.noFirmware", session.identity().profileId())));
        if (!(session.link() instanceof ByteLink)) {
            throw new IllegalStateException(text("status.notSerial"));
        }
        return TargetDevice.of(session.identity(), support);
    }

    private void show(ValidationSummary checked) {
        summary = checked;
        table.removeAll();
        for (ValidationRows.Row row : ValidationRows.of(checked, locale)) {
            TableItem item = new TableItem(table, SWT.NONE);
            String status = text(switch (row.status()) {
                case OK -> "result.ok";
                case CONFIRM -> "result.confirm";
                case REFUSED -> "result.refused";
            });
            item.setText(new String[] {row.label(), row.image(), row.device(),
                    row.finding().isEmpty() ? status : status + ": " + row.finding()});
            item.setData(ACTION, row.check().name());
            if (row.status() != ValidationRows.Status.OK) {
                item.setBackground(row.status() == ValidationRows.Status.REFUSED ? Palette.INVALID : Palette.CONFIRM);
            }
        }
        for (TableColumn column : table.getColumns()) {
            column.pack();
            column.setWidth(Math.min(column.getWidth() + 8, 420));
        }
        Set<Check> needed = EnumSet.noneOf(Check.class);
        checked.confirmationsNeeded().forEach(f -> needed.add(f.check()));
        offer(allowDowngrade, needed.contains(Check.DOWNGRADE));
        offer(allowBareImage, needed.contains(Check.IDENTITY));
        offer(allowUntrusted, needed.contains(Check.SIGNATURE));
        if (checked.refused()) {
            line(PageMessages.format(locale, "summary.refused", join(checked.refusals())), true);
        } else if (!checked.confirmationsNeeded().isEmpty()) {
            line(PageMessages.format(locale, "summary.confirm", join(checked.confirmationsNeeded())), false);
        } else {
            line(text("summary.ready"), false);
        }
        updateButtons();
        root.layout(true, true);
    }

    private static void offer(Button option, boolean needed) {
        option.setVisible(needed);
        ((GridData) option.getLayoutData()).exclude = !needed;
        if (!needed) {
            option.setSelection(false);
        }
    }

    private Set<Check> confirmed() {
        Set<Check> confirmed = EnumSet.noneOf(Check.class);
        if (allowDowngrade.getSelection()) {
            confirmed.add(Check.DOWNGRADE);
        }
        if (allowBareImage.getSelection()) {
            confirmed.add(Check.IDENTITY);
        }
        if (allowUntrusted.getSelection()) {
            confirmed.add(Check.SIGNATURE);
        }
        return confirmed;
    }

    private void updateButtons() {
        boolean idle = running == null;
        boolean connected = context.session().isPresent();
        path.setEnabled(idle);
        choose.setEnabled(idle);
        check.setEnabled(idle && connected);
        backup.setEnabled(idle);
        flash.setEnabled(idle && connected && summary != null && summary.approvedWith(confirmed()));
        cancel.setEnabled(!idle);
        if (summary == null) {
            offer(allowDowngrade, false);
            offer(allowBareImage, false);
            offer(allowUntrusted, false);
        }
    }

    // ------------------------------------------------------------------------------------------------ flashing

    private void flash() {
        DeviceSession session = context.session().orElse(null);
        if (session == null || summary == null || !summary.approvedWith(confirmed())) {
            return;
        }
        if (!confirmFlash(session)) {
            return;
        }
        FirmwareUpdateSupport support = session.capability(FirmwareUpdateSupport.class).orElseThrow();
        XcpMaster master = XcpMaster.on(XcpTransports.modbus((ByteLink) session.link(), session.identity().address()));
        FirmwareFlasher flasher = FirmwareFlasher.on(master);
        Optional<ParameterSchema> schema = session.capability(ParameterSchema.class);
        ParameterBackup parameters = backup.getSelection() && schema.isPresent()
                ? new ParameterBackup(session, schema.get(), context.dataDirectory().resolve("backups"),
                        message -> context.status(message, false))
                : null;
        FlashRequest request = FlashRequest.of(summary, confirmed(), Optional.of(support))
                .withHooks(parameters == null ? FlashHooks.NONE : parameters)
                .withListener(new ProgressOnScreen());
        running = flasher;
        bar.setSelection(0);
        result.setText("");
        updateButtons();
        // the device leaves its application for the bootloader: telemetry polls would only queue for the line and
        // report the device silent
        AutoCloseable quiet = live.pause(session);
        Ui.background(root, () -> {
            try (quiet) {
                return flasher.flash(request);
            }
        }, report -> finished(report, parameters, session), this::failed);
    }

    private boolean confirmFlash(DeviceSession session) {
        Firmware firmware = summary.firmware();
        String version = firmware instanceof FpPackage fp ? fp.manifest().firmwareVersion() : "?";
        String message = PageMessages.format(locale, "confirm.text", session.identity().describe(), firmware.source(),
                firmware.image().totalBytes(), version) + "\n\n" + text(backup.getSelection() ? "confirm.backup" : "confirm.noBackup");
        Shell dialog = new Shell(root.getShell(), SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL);
        dialog.setText(text("confirm.title"));
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 12;
        layout.marginHeight = 12;
        dialog.setLayout(layout);
        Label label = new Label(dialog, SWT.WRAP);
        label.setText(message);
        label.setForeground(Palette.FAULT);
        GridData textData = new GridData(SWT.FILL, SWT.TOP, true, false);
        textData.widthHint = 560;
        label.setLayoutData(textData);
        Composite buttons = new Composite(dialog, SWT.NONE);
        buttons.setLayout(new GridLayout(2, true));
        buttons.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
        AtomicBoolean yes = new AtomicBoolean();
        button(buttons, SWT.PUSH, "firmware.confirm.yes", () -> {
            yes.set(true);
            dialog.close();
        }).setText(text("confirm.yes"));
        Button no = button(buttons, SWT.PUSH, "firmware.confirm.no", dialog::close);
        no.setText(text("confirm.no"));
        dialog.setDefaultButton(no);
        dialog.pack();
        org.eclipse.swt.graphics.Rectangle owner = root.getShell().getBounds();
        org.eclipse.swt.graphics.Point size = dialog.getSize();
        dialog.setLocation(owner.x + Math.max(0, (owner.width - size.x) / 2), owner.y + Math.max(0, (owner.height - size.y) / 2));
        dialog.open();
        while (!dialog.isDisposed()) {
            if (!dialog.getDisplay().readAndDispatch()) {
                dialog.getDisplay().sleep();
            }
        }
        return yes.get();
    }

    private void cancel() {
        if (running != null) {
            running.cancel();
            cancel.setEnabled(false);
        }
    }

    private void finished(FlashReport report, ParameterBackup parameters, DeviceSession flashed) {
        running = null;
        bar.setSelection(bar.getMaximum());
        StringBuilder text = new StringBuilder(PageMessages.format(locale, "result.flashed", report.source(), report.bytes(),
                report.elapsed().toMillis() / 1000.0, report.verification()));
        if (parameters != null) {
            parameters.file().ifPresent(f -> text.append('\n').append(PageMessages.format(locale, "result.backup", f)));
        }
        report.restoreProblem().ifPresent(p -> text.append('\n').append(PageMessages.format(locale, "result.restoreFailed", p)));
        result.setText(text.toString());
        result.setForeground(report.restoreProblem().isPresent() ? Palette.FAULT : Palette.OK);
        context.status(text.toString().lines().findFirst().orElse(""), report.restoreProblem().isPresent());
        // the device restarted into the new firmware: connecting again shows what it runs now
        if (context.session().orElse(null) == flashed && flashed.isOpen()) {
            context.connect(flashed.link().settings(), flashed.identity().address(), flashed.identity().profileId());
        }
        summary = null;
        updateButtons();
        root.layout(true, true);
    }

    private void failed(Exception e) {
        running = null;
        String text;
        if (e instanceof FlashException flashFailure) {
            String phase = text("phase." + flashFailure.phase().name());
            text = (flashFailure.reason() == FlashException.Reason.CANCELLED
                    ? PageMessages.format(locale, "result.cancelled", phase)
                    : PageMessages.format(locale, "result.failed", phase, flashFailure.problem()))
                    + "\n" + PageMessages.format(locale, "result.state", flashFailure.deviceState());
        } else {
            text = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        result.setText(text);
        result.setForeground(Palette.FAULT);
        context.status(text.lines().findFirst().orElse(""), true);
        updateButtons();
        root.layout(true, true);
    }

    /** Progress from the flashing thread to the bar, at most ten times a second and at every step. */
    private final class ProgressOnScreen implements org.bmsw.firmware.FlashListener {
        private FlashPhase lastPhase;
        private long lastPost;

        @Override
        public void progress(FlashProgress p) {
            long now = System.nanoTime();
            boolean step = p.phase() != lastPhase;
            if (!step && now - lastPost < PROGRESS_INTERVAL_NANOS && p.bytesDone() < p.bytesTotal()) {
                return;
            }
            lastPhase = p.phase();
            lastPost = now;
            Ui.later(root.getDisplay(), root, () -> {
                bar.setSelection((int) Math.round(p.percent() * 10));
                StringBuilder s = new StringBuilder(String.format(locale, "%s  %.1f %%  %,d / %,d B", text("phase."
                        + p.phase().name()), p.percent(), p.bytesDone(), p.bytesTotal()));
                if (p.bytesPerSecond() > 0) {
                    s.append(String.format(locale, "  %.1f kB/s", p.bytesPerSecond() / 1000));
                }
                p.eta().ifPresent(eta -> s.append("  ").append(PageMessages.format(locale, "progress.left", eta.toSeconds())));
                progressLine.setText(s.toString());
            });
        }
    }

    private void line(String text, boolean problem) {
        summaryLine.setText(text);
        summaryLine.setForeground(problem ? Palette.FAULT : Palette.TEXT);
        root.layout(true, true);
    }

    private static String join(List<Finding> findings) {
        return String.join("; ", findings.stream().map(Finding::toString).toList());
    }

    private String text(String key) {
        return PageMessages.get(locale, key);
    }
}
