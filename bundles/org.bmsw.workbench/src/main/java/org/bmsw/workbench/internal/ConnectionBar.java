package org.bmsw.workbench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TelemetryListener;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.device.api.DeviceSession;
import org.bmsw.device.api.Telemetry;
import org.bmsw.transport.api.LinkStatistics;
import org.bmsw.transport.api.PortInfo;
import org.bmsw.workbench.ui.Palette;
import org.bmsw.workbench.ui.StateLamp;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * The strip above the pages, as in the vendor tools but complete: language, port (listed or typed), baud,
 * address, profile (or recognise the device), connect / disconnect; below it what answered: model,
 * profile, firmware version, and the frame counters. Every device call goes through the
 * {@link ConnectionController}, off the UI thread.
 */
final class ConnectionBar {

    /** Widget data key naming the bar's controls, for tests. */
    static final String NAME = "bmsw.field";

    private static final String[] BAUDS = {"1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200"};

    private final ConnectionController controller;
    private final TransportRegistry transports;
    private final ProfileRegistry profiles;
    private final Consumer<Locale> languageSwitch;
    private final Composite bar;
    private final Display display;
    private final AtomicBoolean countersPending = new AtomicBoolean();
    private volatile long countersShown;
    private final AutoCloseable telemetrySubscription;
    private final AutoCloseable profileWatch;

    private final Button chinese;
    private final Button english;
    private final Label portLabel;
    private final Combo port;
    private final Button refresh;
    private final Label baudLabel;
    private final Combo baud;
    private final Label addressLabel;
    private final Spinner address;
    private final Label profileLabel;
    private final Combo profile;
    private final Button connect;
    private final StateLamp lamp;
    private final Label device;
    private final Label frames;
    private final Label engineer;
    private Locale locale;
    private List<String> profileIds = List.of();
    /** The connection last shown in the fields: a new one (a page asked for it) is shown once, then left to the user. */
    private ConnectionController.Target shownTarget;

    ConnectionBar(Composite parent, ConnectionController controller, TransportRegistry transports, ProfileRegistry profiles,
                  LiveTelemetry live, Locale initial, Consumer<Locale> languageSwitch) {
        this.controller = controller;
        this.transports = transports;
        this.profiles = profiles;
        this.languageSwitch = languageSwitch;
        this.locale = initial;
        bar = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 2;
        layout.verticalSpacing = 2;
        bar.setLayout(layout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        display = bar.getDisplay();

        Composite first = row(bar);
        chinese = new Button(first, SWT.TOGGLE);
        chinese.setText("简体中文");
        chinese.setData(NAME, "language.zh");
        chinese.addListener(SWT.Selection, e -> choose(Messages.CHINESE));
        english = new Button(first, SWT.TOGGLE);
        english.setText("ENGLISH");
        english.setData(NAME, "language.en");
        english.addListener(SWT.Selection, e -> choose(Locale.ENGLISH));
        portLabel = new Label(first, SWT.NONE);
        port = new Combo(first, SWT.DROP_DOWN);
        port.setLayoutData(new RowData(250, SWT.DEFAULT));
        port.setData(NAME, "port");
        port.addListener(SWT.DefaultSelection, e -> connectOrDisconnect());
        refresh = new Button(first, SWT.PUSH);
        refresh.setText("⟳");
        refresh.setData(NAME, "refresh");
        refresh.addListener(SWT.Selection, e -> listPorts());
        baudLabel = new Label(first, SWT.NONE);
        baud = new Combo(first, SWT.DROP_DOWN);
        baud.setItems(BAUDS);
        baud.setText("9600");
        baud.setLayoutData(new RowData(90, SWT.DEFAULT));
        baud.setData(NAME, "baud");
        addressLabel = new Label(first, SWT.NONE);
        address = new Spinner(first, SWT.BORDER);
        address.setValues(1, 1, 247, 0, 1, 10);
        address.setData(NAME, "address");
        profileLabel = new Label(first, SWT.NONE);
        profile = new Combo(first, SWT.READ_ONLY);
        profile.setLayoutData(new RowData(170, SWT.DEFAULT));
        profile.setData(NAME, "profile");
        connect = new Button(first, SWT.PUSH);
        connect.setData(NAME, "connect");
        connect.setLayoutData(new RowData(120, SWT.DEFAULT));
        connect.addListener(SWT.Selection, e -> connectOrDisconnect());

        Composite second = row(bar);
        lamp = new StateLamp(second);
        lamp.setData(NAME, "connection");
        device = new Label(second, SWT.NONE);
        device.setData(NAME, "device");
        frames = new Label(second, SWT.NONE);
        frames.setData(NAME, "frames");
        engineer = new Label(second, SWT.NONE);
        engineer.setForeground(Palette.ALARM_2);
        engineer.setData(NAME, "engineer");

        controller.target().ifPresent(this::show);
        telemetrySubscription = live.subscribe(new TelemetryListener() {
            @Override
            public void snapshot(DeviceSession session, Telemetry telemetry) {
                // a label's new text makes the toolkit lay the window out again: once a second is enough to read
                long now = System.nanoTime();
                if (now - countersShown >= 1_000_000_000L && countersPending.compareAndSet(false, true)) {
                    countersShown = now;
                    Ui.later(display, bar, ConnectionBar.this::refreshCounters);
                }
            }
        });
        profileWatch = profiles.onChange(() -> Ui.later(display, bar, this::fillProfiles));
        bar.addListener(SWT.Dispose, e -> close());
        fillProfiles();
        relabel(initial);
        listPorts();
    }

    /** Shows the connection being made or last made in the fields. */
    void show(ConnectionController.Target target) {
        shownTarget = target;
        prefill(target.port().text(), target.baud(), target.address(), target.profileId());
    }

    /** Fills the fields, e.g. with the remembered connection at start, so connecting again is one click. */
    void prefill(String portText, int rate, int deviceAddress, String profileId) {
        if (!portText.isBlank()) {
            port.setText(portText);
        }
        baud.setText(Integer.toString(rate));
        address.setSelection(deviceAddress);
        profile.select(Math.max(0, profileIds.indexOf(profileId)));
    }

    void relabel(Locale newLocale) {
        locale = newLocale;
        chinese.setSelection(Messages.CHINESE.equals(locale));
        english.setSelection(!Messages.CHINESE.equals(locale));
        portLabel.setText(Messages.get(locale, "bar.port"));
        refresh.setToolTipText(Messages.get(locale, "bar.refresh"));
        port.setToolTipText(Messages.get(locale, "bar.port.tip"));
        baudLabel.setText(Messages.get(locale, "bar.baud"));
        addressLabel.setText(Messages.get(locale, "bar.address"));
        profileLabel.setText(Messages.get(locale, "bar.profile"));
        fillProfiles();
        update();
    }

    /** The controller's state changed. UI thread. */
    void update() {
        controller.target().filter(t -> t != shownTarget).ifPresent(this::show);
        ConnectionController.State state = controller.state();
        connect.setText(Messages.get(locale, state == ConnectionController.State.CONNECTED ? "bar.disconnect"
                : state == ConnectionController.State.CONNECTING ? "bar.connecting" : "bar.connect"));
        connect.setEnabled(state != ConnectionController.State.CONNECTING);
        boolean editable = state != ConnectionController.State.CONNECTED && state != ConnectionController.State.CONNECTING;
        for (var control : new org.eclipse.swt.widgets.Control[] {port, refresh, baud, address, profile}) {
            control.setEnabled(editable);
        }
        lamp.set(switch (state) {
            case CONNECTED -> Palette.OK;
            case CONNECTING -> Palette.ALARM_1;
            case LOST -> Palette.FAULT;
            case DISCONNECTED -> Palette.OFF;
        }, Messages.get(locale, "bar.state." + state.name().toLowerCase(Locale.ROOT)));
        DeviceSession session = controller.session().orElse(null);
        device.setText(session == null ? "" : Messages.format(locale, "bar.device", session.identity().model(),
                session.identity().profileId(), session.identity().firmwareVersion().isEmpty() ? "–"
                        : session.identity().firmwareVersion(), session.identity().address()));
        engineer.setText(controller.unlocked() == AccessLevel.ENGINEER ? Messages.get(locale, "bar.engineer") : "");
        refreshCounters();
    }

    private void refreshCounters() {
        countersPending.set(false);
        DeviceSession session = controller.session().orElse(null);
        String text = "";
        if (session != null) {
            LinkStatistics statistics = session.link().statistics();
            text = Messages.format(locale, "bar.frames", statistics.framesReceived(), statistics.errorCount());
        }
        if (!text.equals(frames.getText())) {
            boolean longer = text.length() > frames.getText().length();
            frames.setText(text);
            if (longer) {
                frames.getParent().layout(new org.eclipse.swt.widgets.Control[] {frames});
            }
        }
    }

    private void choose(Locale chosen) {
        if (!chosen.equals(locale)) {
            languageSwitch.accept(chosen);
        } else {
            relabel(locale);
        }
    }

    private void connectOrDisconnect() {
        if (controller.state() == ConnectionController.State.CONNECTED) {
            controller.disconnect();
            return;
        }
        PortChoice choice;
        try {
            choice = PortChoice.parse(port.getText(), controller.transportIds());
        } catch (IllegalArgumentException e) {
            controller.status(Messages.get(locale, "status.noPort"), true);
            return;
        }
        int rate;
        try {
            rate = Integer.parseInt(baud.getText().trim());
        } catch (NumberFormatException e) {
            controller.status(Messages.format(locale, "status.badBaud", baud.getText()), true);
            return;
        }
        if (rate <= 0) {
            controller.status(Messages.format(locale, "status.badBaud", baud.getText()), true);
            return;
        }
        int index = profile.getSelectionIndex();
        String profileId = index <= 0 || index > profileIds.size() - 1 ? "" : profileIds.get(index);
        controller.connect(new ConnectionController.Target(choice, rate, address.getSelection(), profileId));
    }

    /** Listing ports may take a while (USB descriptors): off the UI thread. */
    private void listPorts() {
        refresh.setEnabled(false);
        Ui.background(bar, transports::listPorts, listing -> {
            String typed = port.getText();
            List<String> items = new ArrayList<>();
            for (PortInfo info : listing.ports()) {
                items.add(info.transport() + ":" + info.path() + (info.description().isEmpty() ? "" : "  " + info.description()));
            }
            port.setItems(items.toArray(String[]::new));
            if (!typed.isBlank()) {
                port.setText(typed);
            } else if (!items.isEmpty()) {
                port.select(0);
            }
            refresh.setEnabled(controller.state() != ConnectionController.State.CONNECTED);
            listing.problems().forEach(problem -> controller.status(problem, true));
        }, error -> {
            refresh.setEnabled(true);
            controller.status(error.getMessage(), true);
        });
    }

    private void fillProfiles() {
        String selected = profile.getSelectionIndex() > 0 && profile.getSelectionIndex() < profileIds.size()
                ? profileIds.get(profile.getSelectionIndex()) : controller.target().map(ConnectionController.Target::profileId)
                .orElse("");
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ids.add("");
        names.add(Messages.get(locale, "bar.profile.auto"));
        for (DeviceProfile p : profiles.profiles()) {
            ids.add(p.id());
            names.add(p.displayName().text(locale));
        }
        profileIds = ids;
        profile.setItems(names.toArray(String[]::new));
        profile.select(Math.max(0, ids.indexOf(selected)));
    }

    private void close() {
        Ui.closeQuietly(telemetrySubscription, profileWatch);
    }

    private static Composite row(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        layout.spacing = 8;
        layout.marginTop = 0;
        layout.marginBottom = 0;
        row.setLayout(layout);
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return row;
    }
}
