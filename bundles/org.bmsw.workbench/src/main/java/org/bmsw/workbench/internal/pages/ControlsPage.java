package org.bmsw.workbench.internal.pages;

import java.util.Locale;
import java.util.Optional;

import org.bmsw.device.api.CommandDescriptor;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.RawRegisterAccess;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.internal.ConnectionController;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Ui;
import org.bmsw.workbench.ui.Palette;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's control commands (CHG_EN, DSG_EN, RESET, CHG_DIS, DSG_DIS, RESTORE for a Smart BMS), each
 * asking for confirmation when it can cut power or reset, and raw register access (the manual's
 * "REG_Config (Unsigned Short)"): read a range, write one register after confirming, read it back.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=300")
public class ControlsPage implements WorkbenchPage {

    private static final Logger LOG = LoggerFactory.getLogger(ControlsPage.class);

    private final ConnectionController context;

    // UI thread only
    private Locale locale;
    private Composite root;
    private Group commandGroup;
    private Composite commandBox;
    private Group registerGroup;
    private Label registerNote;
    private Label addressLabel;
    private Label countLabel;
    private Label valueLabel;
    private Text address;
    private Spinner count;
    private Text value;
    private Button readRegisters;
    private Button writeRegister;
    private Table registers;
    private DeviceSession session;
    private AutoCloseable contextWatch;

    @Activate
    public ControlsPage(@Reference ConnectionController context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "controls";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.controls.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, true));
        commandGroup = new Group(root, SWT.NONE);
        commandGroup.setLayout(new GridLayout(1, false));
        commandGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        commandBox = new Composite(commandGroup, SWT.NONE);
        commandBox.setLayout(new GridLayout(2, false));
        commandBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        registerGroup = new Group(root, SWT.NONE);
        registerGroup.setLayout(new GridLayout(3, false));
        registerGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        registerNote = new Label(registerGroup, SWT.WRAP);
        GridData noteData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        noteData.widthHint = 420;
        registerNote.setLayoutData(noteData);
        addressLabel = new Label(registerGroup, SWT.NONE);
        address = new Text(registerGroup, SWT.BORDER);
        address.setText("0x1000");
        address.setData(Dialogs.ACTION, "register.address");
        address.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        countLabel = new Label(registerGroup, SWT.NONE);
        count = new Spinner(registerGroup, SWT.BORDER);
        count.setValues(8, 1, 125, 0, 1, 8);
        count.setData(Dialogs.ACTION, "register.count");
        readRegisters = new Button(registerGroup, SWT.PUSH);
        readRegisters.setData(Dialogs.ACTION, "register.read");
        readRegisters.addListener(SWT.Selection, e -> readRegisters());
        valueLabel = new Label(registerGroup, SWT.NONE);
        value = new Text(registerGroup, SWT.BORDER);
        value.setData(Dialogs.ACTION, "register.value");
        value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        writeRegister = new Button(registerGroup, SWT.PUSH);
        writeRegister.setData(Dialogs.ACTION, "register.write");
        writeRegister.addListener(SWT.Selection, e -> writeRegister());
        registers = new Table(registerGroup, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        registers.setHeaderVisible(true);
        registers.setLinesVisible(true);
        registers.setData(Dialogs.ACTION, "register.table");
        registers.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        for (int i = 0; i < 3; i++) {
            new TableColumn(registers, SWT.LEFT).setWidth(130);
        }
        Display display = root.getDisplay();
        contextWatch = context.onChange(() -> Ui.later(display, root, this::followContext));
        relabel();
        followContext();
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        relabel();
        rebuildCommands();
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(contextWatch);
    }

    private void relabel() {
        commandGroup.setText(Messages.get(locale, "controls.commands"));
        registerGroup.setText(Messages.get(locale, "controls.registers"));
        registerNote.setText(Messages.get(locale, "controls.registers.note"));
        addressLabel.setText(Messages.get(locale, "controls.address"));
        countLabel.setText(Messages.get(locale, "controls.count"));
        valueLabel.setText(Messages.get(locale, "controls.value"));
        readRegisters.setText(Messages.get(locale, "controls.read"));
        writeRegister.setText(Messages.get(locale, "controls.write"));
        String[] headers = {"controls.column.address", "controls.column.decimal", "controls.column.hex"};
        for (int i = 0; i < headers.length; i++) {
            registers.getColumn(i).setText(Messages.get(locale, headers[i]));
        }
        root.layout(true, true);
    }

    private void followContext() {
        DeviceSession now = context.session().orElse(null);
        if (now != session) {
            session = now;
            registers.removeAll();
            rebuildCommands();
        }
        boolean raw = raw().isPresent();
        for (Control c : new Control[] {address, count, value, readRegisters, writeRegister}) {
            c.setEnabled(raw);
        }
    }

    private void rebuildCommands() {
        for (Control child : commandBox.getChildren()) {
            child.dispose();
        }
        if (session == null) {
            new Label(commandBox, SWT.NONE).setText(Messages.get(locale, "controls.noDevice"));
        } else if (session.commands().isEmpty()) {
            new Label(commandBox, SWT.NONE).setText(Messages.get(locale, "controls.noCommands"));
        } else {
            for (CommandDescriptor command : session.commands()) {
                Button button = new Button(commandBox, SWT.PUSH);
                button.setText((command.dangerous() ? "⚠ " : "") + command.label().text(locale));
                button.setData(Dialogs.ACTION, "command." + command.key());
                GridData data = new GridData(SWT.FILL, SWT.CENTER, false, false);
                data.widthHint = 140;
                button.setLayoutData(data);
                button.addListener(SWT.Selection, e -> execute(command));
                Label description = new Label(commandBox, SWT.WRAP);
                description.setText(command.key() + " — " + command.description().text(locale));
                GridData textData = new GridData(SWT.FILL, SWT.CENTER, true, false);
                textData.widthHint = 360;
                description.setLayoutData(textData);
            }
        }
        root.layout(true, true);
    }

    /** Sends a command; dangerous ones only after the user said yes. */
    void execute(CommandDescriptor command) {
        DeviceSession to = session;
        if (to == null) {
            return;
        }
        if (command.dangerous()) {
            if (!Dialogs.confirm(root.getShell(), Messages.format(locale, "controls.confirm.title",
                    command.label().text(locale)), Messages.format(locale, "controls.confirm.question",
                    command.label().text(locale), to.identity().describe(), command.description().text(locale)),
                    Messages.format(locale, "controls.confirm.send", command.key()), Messages.get(locale, "dialog.cancel"),
                    true)) {
                context.status(false, "controls.status.cancelled", command.key());
                return;
            }
        }
        Ui.background(root, () -> {
            to.execute(command.key());
            return command.key();
        }, key -> {
            LOG.info("Command {} sent to {}", key, to.identity().describe());
            context.status(false, "controls.status.sent", key, to.identity().describe());
        }, error -> context.status(true, "controls.status.failed", command.key(), error.getMessage()));
    }

    private Optional<RawRegisterAccess> raw() {
        return session == null ? Optional.empty() : session.capability(RawRegisterAccess.class);
    }

    private void readRegisters() {
        Optional<RawRegisterAccess> access = raw();
        Integer start = parse(address.getText(), 0xFFFF, "controls.address");
        if (access.isEmpty() || start == null) {
            return;
        }
        int n = Math.min(count.getSelection(), 0x10000 - start);
        Ui.background(root, () -> access.get().readRegisters(start, n), words -> {
            registers.removeAll();
            for (int i = 0; i < words.length; i++) {
                row(start + i, words[i]);
            }
            context.status(false, "controls.status.read", words.length, hex(start));
        }, error -> context.status(true, "controls.status.readFailed", hex(start), error.getMessage()));
    }

    private void writeRegister() {
        Optional<RawRegisterAccess> access = raw();
        Integer at = parse(address.getText(), 0xFFFF, "controls.address");
        Integer word = parse(value.getText(), 0xFFFF, "controls.value");
        if (access.isEmpty() || at == null || word == null) {
            return;
        }
        if (!Dialogs.confirm(root.getShell(), Messages.get(locale, "controls.write.title"),
                Messages.format(locale, "controls.write.question", word, hex(word), hex(at), session.identity().describe()),
                Messages.get(locale, "controls.write.yes"), Messages.get(locale, "dialog.cancel"), true)) {
            return;
        }
        Ui.background(root, () -> {
            access.get().writeRegister(at, word);
            return access.get().readRegisters(at, 1)[0];
        }, back -> {
            registers.removeAll();
            row(at, back);
            boolean same = back == word;
            context.status(!same, same ? "controls.status.written" : "controls.status.differs", hex(at),
                    word, back);
        }, error -> context.status(true, "controls.status.writeFailed", hex(at), error.getMessage()));
    }

    private void row(int at, int word) {
        new TableItem(registers, SWT.NONE).setText(new String[] {hex(at), Integer.toString(word), hex(word)});
    }

    /** 0x1A2B, 1A2Bh or decimal; null (and a status message) when it is not a number within 0..max. */
    private Integer parse(String text, int max, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            int v;
            if (t.startsWith("0x")) {
                v = Integer.parseInt(t.substring(2), 16);
            } else if (t.endsWith("h")) {
                v = Integer.parseInt(t.substring(0, t.length() - 1), 16);
            } else {
                v = Integer.parseInt(t);
            }
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        context.status(true, "controls.status.badNumber", Messages.get(locale, what), text, max);
        (what.equals("controls.address") ? address : value).setBackground(Palette.INVALID);
        root.getDisplay().timerExec(1500, () -> {
            if (!address.isDisposed()) {
                address.setBackground(null);
                value.setBackground(null);
            }
        });
        return null;
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%04X", v);
    }
}
