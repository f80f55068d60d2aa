package org.bmsw.workbench.calibration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.bmsw.calibration.CalibrationListener;
import org.bmsw.calibration.CalibrationListener.Stage;
import org.bmsw.calibration.CalibrationProcedure;
import org.bmsw.calibration.CalibrationRequest;
import org.bmsw.calibration.CalibrationResult;
import org.bmsw.calibration.CalibrationResult.Outcome;
import org.bmsw.calibration.CalibrationService;
import org.bmsw.calibration.CalibrationTiming;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.LocalizedText;
import org.bmsw.workbench.WorkbenchContext;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Calibration wizard: the connected device's calibrations (those the calibration service finds for its
 * session), each with its steps, live readings, what to enter (the current's sign convention in a box of its own),
 * Check (preconditions and measurement, nothing written) and Calibrate (the same check, an explicit confirmation,
 * then the write and its verification), the result before and after, and the saved reports. Every device exchange
 * runs on a worker thread; the UI thread only draws.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=400")
public class CalibrationPage implements WorkbenchPage {

    /** Widget data key naming the page's controls (for tests and screenshots). */
    static final String NAME = "bmsw.calibration";

    private final WorkbenchContext context;
    private final LiveTelemetry live;
    private final CalibrationService service;
    private volatile CalibrationTiming timing = CalibrationTiming.DEFAULT;
    /** The worker running a procedure, to interrupt on Cancel; null when none. */
    private final AtomicReference<Thread> worker = new AtomicReference<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    // UI thread only
    private Locale locale;
    private Composite root;
    private Group listGroup;
    private org.eclipse.swt.widgets.List list;
    private Label listNote;
    private Label engineerNote;
    private Label title;
    private Label description;
    private Group stepsGroup;
    private Label steps;
    private Group liveGroup;
    private LiveReadings readings;
    private EntryForm entries;
    private Button check;
    private Button calibrate;
    private Button cancel;
    private Composite confirmBox;
    private Label confirmText;
    private Button confirm;
    private Button back;
    private Label state;
    private ResultView result;
    private ReportsView reports;
    private DeviceSession session;
    private List<CalibrationProcedure> procedures = List.of();
    private CalibrationProcedure selected;
    private boolean running;
    /** The state line shows the hint, not a message of a run. */
    private boolean idle = true;
    private AutoCloseable contextWatch;

    @Activate
    public CalibrationPage(@Reference WorkbenchContext context, @Reference LiveTelemetry live,
                           @Reference CalibrationService service) {
        this.context = context;
        this.live = live;
        this.service = service;
    }

    /** Steady-state timing of the runs (tests shorten it). */
    void timing(CalibrationTiming newTiming) {
        timing = newTiming;
    }

    @Override
    public String id() {
        return "calibration";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        root = new Composite(scroll, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        scroll.setContent(root);

        listGroup = new Group(root, SWT.NONE);
        listGroup.setLayout(new GridLayout(1, false));
        listGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));
        list = new org.eclipse.swt.widgets.List(listGroup, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        list.setData(NAME, "procedures");
        GridData listData = new GridData(SWT.FILL, SWT.FILL, true, true);
        listData.widthHint = 200;
        listData.heightHint = 160;
        list.setLayoutData(listData);
        list.addListener(SWT.Selection, e -> select(list.getSelectionIndex()));
        listNote = wrapped(listGroup, 200);
        engineerNote = wrapped(listGroup, 200);
        engineerNote.setData(NAME, "engineer");

        Composite detail = new Composite(root, SWT.NONE);
        detail.setLayout(new GridLayout(2, false));
        detail.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        title = new Label(detail, SWT.NONE);
        title.setFont(font(title, null, 3, SWT.BOLD));
        title.setData(NAME, "title");
        title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        description = wrapped(detail, 860);
        ((GridData) description.getLayoutData()).horizontalSpan = 2;
        Composite wizard = column(detail);
        Composite outcome = column(detail);

        stepsGroup = new Group(wizard, SWT.NONE);
        stepsGroup.setLayout(new GridLayout(1, false));
        stepsGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        steps = wrapped(stepsGroup, 420);
        steps.setData(NAME, "steps");
        entries = new EntryForm(wizard, l);
        Composite actions = new Composite(wizard, SWT.NONE);
        actions.setLayout(new GridLayout(3, false));
        check = button(actions, "check", this::check);
        calibrate = button(actions, "calibrate", this::calibrate);
        cancel = button(actions, "cancel", this::cancel);
        confirmBox = new Composite(wizard, SWT.NONE);
        confirmBox.setLayout(new GridLayout(2, false));
        confirmBox.setBackground(Palette.CONFIRM);
        confirmBox.setBackgroundMode(SWT.INHERIT_FORCE);
        confirmBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        confirmText = new Label(confirmBox, SWT.WRAP);
        confirmText.setData(NAME, "confirm.text");
        GridData confirmData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        confirmData.widthHint = 420;
        confirmText.setLayoutData(confirmData);
        confirm = button(confirmBox, "confirm", this::write);
        back = button(confirmBox, "back", () -> showConfirm(null));
        state = wrapped(wizard, 420);
        state.setData(NAME, "state");

        liveGroup = new Group(outcome, SWT.NONE);
        liveGroup.setLayout(new GridLayout(1, false));
        liveGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        readings = new LiveReadings(liveGroup, live, context, l);
        readings.values.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        result = new ResultView(outcome, l);

        reports = new ReportsView(root, service, context.dataDirectory(), l);

        Display display = root.getDisplay();
        contextWatch = context.onChange(() -> Ui.later(display, root, this::followContext));
        root.addListener(SWT.Resize, e -> scroll.setMinSize(root.computeSize(SWT.DEFAULT, SWT.DEFAULT)));
        relabel();
        showConfirm(null);
        followContext();
        scroll.setMinSize(root.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        readings.relabel(l);
        entries.relabel(l);
        result.relabel(l);
        reports.relabel(l);
        relabel();
        fillList();
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(contextWatch);
        if (!writing.get()) {
            Thread running = worker.get();
            if (running != null) {
                running.interrupt();
            }
        }
    }

    private void relabel() {
        listGroup.setText(Messages.get(locale, "list.title"));
        stepsGroup.setText(Messages.get(locale, "steps.title"));
        liveGroup.setText(Messages.get(locale, "live.title"));
        check.setText(Messages.get(locale, "action.check"));
        calibrate.setText(Messages.get(locale, "action.calibrate"));
        cancel.setText(Messages.get(locale, "action.cancel"));
        confirm.setText(Messages.get(locale, "action.confirm"));
        back.setText(Messages.get(locale, "action.back"));
        showProcedureTexts();
        updateState();
        root.layout(true, true);
    }

    // ------------------------------------------------------------------ device and procedures

    /** The window connected, disconnected or unlocked: the procedures follow the session. UI thread. */
    private void followContext() {
        DeviceSession now = context.session().orElse(null);
        if (now != session) {
            session = now;
            procedures = now == null ? List.of() : service.proceduresFor(now);
            fillList();
            select(procedures.isEmpty() ? -1 : 0);
            reports.dataDirectory(context.dataDirectory());
            reports.refresh();
        }
        updateState();
    }

    private void fillList() {
        list.removeAll();
        procedures.forEach(p -> list.add(p.title().text(locale)));
        if (selected != null && procedures.contains(selected)) {
            list.select(procedures.indexOf(selected));
        }
        listNote.setText(session == null ? Messages.get(locale, "list.disconnected")
                : procedures.isEmpty() ? Messages.get(locale, "list.empty") : "");
        listGroup.layout(true, true);
    }

    private void select(int index) {
        if (running) {
            return;
        }
        selected = index >= 0 && index < procedures.size() ? procedures.get(index) : null;
        if (index >= 0) {
            list.select(index);
        }
        entries.show(selected == null || session == null ? List.of() : selected.inputs(session));
        result.show(null);
        showConfirm(null);
        idle = true;
        showProcedureTexts();
        updateState();
    }

    private void showProcedureTexts() {
        if (selected == null || session == null) {
            title.setText("");
            description.setText("");
            steps.setText("");
        } else {
            title.setText(selected.title().text(locale));
            description.setText(selected.description().text(locale));
            List<String> lines = new ArrayList<>();
            List<LocalizedText> all = selected.steps(session);
            for (int i = 0; i < all.size(); i++) {
                lines.add((i + 1) + ". " + all.get(i).text(locale));
            }
            steps.setText(String.join("\n", lines));
        }
        root.layout(true, true);
    }

    private boolean engineer() {
        return context.unlocked().compareTo(AccessLevel.ENGINEER) >= 0;
    }

    /** Buttons, notes and the state line for the present situation. UI thread. */
    private void updateState() {
        boolean ready = !running && session != null && selected != null;
        check.setEnabled(ready);
        calibrate.setEnabled(ready && engineer());
        cancel.setEnabled(running && !writing.get());
        list.setEnabled(!running);
        entries.setEnabled(!running);
        engineerNote.setText(Messages.get(locale, engineer() ? "engineer.on" : "engineer.off"));
        engineerNote.setForeground(engineer() ? Palette.TEXT : Palette.FAULT);
        if (!running && idle) {
            state.setText(Messages.get(locale, "state.idle"));
        }
        root.layout(true, true);
    }

    // ------------------------------------------------------------------ running

    private void check() {
        start(false, false);
    }

    /** The same check first; if it passes, the user confirms what will be written. */
    private void calibrate() {
        start(false, true);
    }

    private void write() {
        showConfirm(null);
        start(true, false);
    }

    private void cancel() {
        Thread running = worker.get();
        if (running != null && !writing.get()) {
            running.interrupt();
            state.setText(Messages.get(locale, "state.cancelling"));
        }
    }

    private void start(boolean write, boolean confirmAfter) {
        if (running || selected == null || session == null) {
            return;
        }
        CalibrationProcedure procedure = selected;
        DeviceSession target = session;
        CalibrationRequest request = new CalibrationRequest(entries.values(), context.unlocked(), write, timing,
                context.dataDirectory(), locale);
        running = true;
        idle = false;
        writing.set(false);
        showConfirm(null);
        result.show(null);
        state.setText(Messages.get(locale, "state.running"));
        updateState();
        Display display = root.getDisplay();
        CalibrationListener progress = (stage, message) -> {
            if (stage == Stage.WRITING) {
                writing.set(true);
            }
            Ui.later(display, root, () -> {
                state.setText(message.text(locale) + (writing.get() && stage != Stage.DONE
                        ? "\n" + Messages.get(locale, "state.writing") : ""));
                updateState();
            });
        };
        Ui.background(root, () -> {
            worker.set(Thread.currentThread());
            try {
                return service.run(procedure, target, request, progress);
            } finally {
                worker.set(null);
                Thread.interrupted(); // a Cancel that came too late must not reach the pool's next task
            }
        }, done -> finished(done, confirmAfter), failure -> {
            running = false;
            state.setText(Messages.format(locale, "state.failed", failure.getMessage()));
            updateState();
        });
    }

    private void finished(CalibrationResult done, boolean confirmAfter) {
        running = false;
        idle = true;
        writing.set(false);
        result.show(done);
        if (confirmAfter && done.outcome() == Outcome.DRY_RUN) {
            showConfirm(done);
        }
        if (!done.outcome().nothingWritten()) {
            reports.refresh();
            context.status(done.procedure().text(locale) + ": " + done.summary().text(locale),
                    done.outcome() != Outcome.CALIBRATED);
        }
        updateState();
    }

    /** Shows what a confirmed write will do; null hides the box. */
    private void showConfirm(CalibrationResult checked) {
        boolean visible = checked != null && session != null && selected != null;
        if (visible) {
            List<String> affected = selected.affectedParameters(session);
            confirmText.setText(Messages.format(locale, "confirm.text", checked.summary().text(locale),
                    affected.isEmpty() ? Messages.get(locale, "confirm.none") : String.join(", ", affected)));
        }
        confirmBox.setVisible(visible);
        ((GridData) confirmBox.getLayoutData()).exclude = !visible;
        root.layout(true, true);
    }

    // ------------------------------------------------------------------ widgets

    private Button button(Composite parent, String action, Runnable run) {
        Button b = new Button(parent, SWT.PUSH);
        b.setData(NAME, action);
        b.addListener(SWT.Selection, e -> run.run());
        return b;
    }

    private static Composite column(Composite parent) {
        Composite column = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        column.setLayout(layout);
        column.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return column;
    }

    private static Label wrapped(Composite parent, int width) {
        Label label = new Label(parent, SWT.WRAP);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.widthHint = width;
        label.setLayoutData(data);
        return label;
    }

    /** A variant of the control's font (or of {@code face}), disposed with it. */
    static Font font(Control control, String face, int heightDelta, int style) {
        FontData[] data = control.getFont().getFontData();
        for (FontData d : data) {
            if (face != null) {
                d.setName(face);
            }
            d.setHeight(Math.max(6, d.getHeight() + heightDelta));
            d.setStyle(style);
        }
        Font font = new Font(control.getDisplay(), data);
        control.addListener(SWT.Dispose, e -> font.dispose());
        return font;
    }
}
