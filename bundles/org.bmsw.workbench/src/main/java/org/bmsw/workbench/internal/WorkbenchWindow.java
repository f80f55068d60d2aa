package org.bmsw.workbench.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bmsw.branding.Branding;
import org.bmsw.core.LiveTelemetry;
import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.AccessLevel;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window, opened on the {@link UiThread}: every widget is created and touched there only; services
 * arriving on other threads are handed over with {@link Display#asyncExec}. Above the pages the
 * connection bar, below them one status line for connection messages (a lost device is one message
 * there, never a dialog). Closing the window stops the program.
 */
@Component(immediate = true, configurationPid = WorkbenchConfig.PID)
@Designate(ocd = WorkbenchConfig.class)
public class WorkbenchWindow {

    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchWindow.class);
    /** The launcher's service property for "the program is usable" (FrameworkRunner.USABLE_PROPERTY). */
    static final String USABLE_PROPERTY = "bmsw.launcher.usable";

    private record PageEntry(WorkbenchPage page, int order) {
    }

    private final ConnectionController controller;
    private final Settings settings;
    private final TransportRegistry transports;
    private final ProfileRegistry profiles;
    private final LiveTelemetry live;
    private final UiThread ui;
    private final List<PageEntry> pages = new CopyOnWriteArrayList<>();
    private volatile Display display;
    private volatile WorkbenchConfig config;
    private BundleContext context;
    /** Deactivated before the UI thread came to open the window: it opens none. */
    private volatile boolean active;
    /** Read on a thread of their own while the UI starts: the UI thread never does I/O, not even from a jar. */
    private volatile Map<Locale, String> aboutTexts = Map.of();
    /** The icons' PNG files as read; decoded on the UI thread (see {@link #readIcons()}). */
    private final java.util.concurrent.CompletableFuture<List<byte[]>> iconFiles = new java.util.concurrent.CompletableFuture<>();

    // UI thread only
    private Shell shell;
    private CTabFolder tabs;
    private Label status;
    private ConnectionBar connectionBar;
    private MenuItem disconnectItem;
    private MenuItem engineerItem;
    private AutoCloseable controllerWatch;
    private Locale locale = Locale.ENGLISH;
    private final Map<WorkbenchPage, CTabItem> items = new HashMap<>();
    private final java.util.Set<WorkbenchPage> built = new java.util.HashSet<>();
    private final List<Image> icons = new ArrayList<>();
    /** The user picked a page in this run: a page arriving later does not take over. */
    private boolean pageChosen;
    private boolean saidUsable;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPage(WorkbenchPage page, Map<String, Object> properties) {
        Object order = properties.get(WorkbenchPage.PROPERTY_ORDER);
        PageEntry entry = new PageEntry(page, order instanceof Number n ? n.intValue() : 500);
        pages.add(entry);
        onUiThread(() -> addTab(entry));
    }

    void removePage(WorkbenchPage page) {
        pages.removeIf(e -> e.page() == page);
        onUiThread(() -> removeTab(page));
    }

    @Activate
    public WorkbenchWindow(@Reference ConnectionController controller, @Reference Settings settings,
                           @Reference TransportRegistry transports, @Reference ProfileRegistry profiles,
                           @Reference LiveTelemetry live, @Reference UiThread ui) {
        this.controller = controller;
        this.settings = settings;
        this.transports = transports;
        this.profiles = profiles;
        this.live = live;
        this.ui = ui;
    }

    /** @param bundleContext null outside OSGi (tests): closing the window then stops nothing else */
    @Activate
    void activate(BundleContext bundleContext, WorkbenchConfig workbenchConfig) {
        this.context = bundleContext;
        this.config = workbenchConfig;
        active = true;
        ui.execute(this::open);
        Thread loader = new Thread(() -> {
            iconFiles.complete(readIcons());
            aboutTexts = Map.of(Locale.ENGLISH, Branding.get().aboutText(Locale.ENGLISH),
                    Messages.CHINESE, Branding.get().aboutText(Messages.CHINESE));
        }, "bmsw-ui-resources");
        loader.setDaemon(true);
        loader.start();
    }

    /** Our own saves land here; taking them without a restart keeps the window open. */
    @Modified
    void modified(WorkbenchConfig workbenchConfig) {
        this.config = workbenchConfig;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        CountDownLatch done = new CountDownLatch(1);
        boolean queued = ui.execute(() -> {
            try {
                if (shell != null && !shell.isDisposed()) {
                    shell.dispose();
                }
            } finally {
                done.countDown();
            }
        });
        if (queued && !done.await(5, TimeUnit.SECONDS)) {
            LOG.error("The window did not close within 5 s of the workbench stopping");
        }
    }

    private void onUiThread(Runnable task) {
        Display d = display;
        if (d == null || d.isDisposed()) {
            return;
        }
        try {
            d.asyncExec(() -> {
                if (shell != null && !shell.isDisposed()) {
                    task.run();
                }
            });
        } catch (SWTException e) {
            LOG.debug("Display gone while handing over a UI task: {}", e.getMessage());
        }
    }

    /** On the UI thread, as soon as both it and the services are there. */
    private void open() {
        if (!active) {
            return;
        }
        Display d = Display.getCurrent();
        try {
            locale = Messages.locale(config.language());
            shell = new Shell(d);
            display = d;
            shell.addListener(SWT.Dispose, event -> letGo());
            iconFiles.thenAccept(files -> onUiThread(() -> {
                for (byte[] png : files) {
                    try {
                        icons.add(new Image(d, new ImageData(new ByteArrayInputStream(png))));
                    } catch (SWTException e) {
                        LOG.warn("An icon of the branding could not be decoded", e);
                    }
                }
                shell.setImages(icons.toArray(Image[]::new));
            }));
            GridLayout layout = new GridLayout(1, false);
            layout.marginWidth = 0;
            layout.marginHeight = 0;
            shell.setLayout(layout);
            connectionBar = new ConnectionBar(shell, controller, transports, profiles, live, locale, this::switchLanguage);
            if (controller.target().isEmpty()) {
                connectionBar.prefill(config.port(), config.baud(), config.address(), config.profile());
            }
            tabs = new CTabFolder(shell, SWT.BORDER | SWT.TOP);
            tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            tabs.addListener(SWT.Selection, e -> {
                build(tabs.getSelection());
                pageChosen = true;
                settings.save(Map.of("page", ((WorkbenchPage) tabs.getSelection().getData()).id()));
            });
            status = new Label(shell, SWT.NONE);
            status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            status.setData(ConnectionBar.NAME, "status");
            controllerWatch = controller.onChange(() -> onUiThread(this::connectionChanged));
            pages.stream().sorted(Comparator.comparingInt(PageEntry::order)).forEach(this::addTab);
            relabelWindow();
            applyGeometry();
            shell.addListener(SWT.Close, event -> onClose());
            shell.open();
            d.asyncExec(() -> {
                Announce.windowVisible();
                sayUsableOnceSettled();
            });
        } catch (RuntimeException | Error e) {
            LOG.error("The workbench window failed", e);
            if (shell != null && !shell.isDisposed()) {
                shell.dispose();
            }
        }
    }

    /** The shell is going: pages and images let go, while their widgets still exist. UI thread. */
    private void letGo() {
        Ui.closeQuietly(controllerWatch);
        built.forEach(this::disposePage);
        built.clear();
        items.clear();
        icons.forEach(Image::dispose);
    }

    /**
     * Reads the icons' files only. Decoding is SWT's, through GdkPixbuf on GTK: on this thread it would run while
     * the UI thread starts GTK, and the two deadlocked in GdkPixbuf's type initialisation (seen).
     */
    private static List<byte[]> readIcons() {
        List<byte[]> files = new ArrayList<>();
        for (int size : List.of(16, 32, 48, 64, 128, 256)) {
            try (InputStream in = Branding.get().icon(size).openStream()) {
                files.add(in.readAllBytes());
            } catch (IOException e) {
                LOG.warn("Icon {} px could not be read", size, e);
            }
        }
        return files;
    }

    /** The main shell, for tests. UI thread. */
    Shell shell() {
        return shell;
    }


    /** The connection or its status changed: the bar and the status line follow. UI thread. */
    private void connectionChanged() {
        connectionBar.update();
        updateDeviceMenu();
        updateStatus();
        sayUsableOnceSettled();
    }

    /**
     * Once the window is visible and connecting at start has ended, tells the launcher, which then starts the
     * bundles it held back (desktop.feature's {@code later}): until then they would only slow the first snapshot
     * down. A connection's first snapshot is already on its way to the screen by then. UI thread.
     */
    private void sayUsableOnceSettled() {
        if (saidUsable || !shell.isVisible() || controller.connectingAtStart() || context == null) {
            return;
        }
        saidUsable = true;
        try {
            context.registerService(Object.class, new Object(), new Hashtable<>(Map.of(USABLE_PROPERTY, Boolean.TRUE)));
        } catch (IllegalStateException e) {
            LOG.debug("The workbench stopped before its window was usable");
        }
    }

    private void updateDeviceMenu() {
        disconnectItem.setEnabled(controller.session().isPresent());
        engineerItem.setSelection(controller.unlocked() == AccessLevel.ENGINEER);
    }

    private void addTab(PageEntry entry) {
        if (items.containsKey(entry.page())) {
            return;
        }
        int index = 0;
        for (CTabItem item : tabs.getItems()) {
            PageEntry other = pages.stream().filter(p -> p.page() == item.getData()).findFirst().orElse(null);
            if (other != null && other.order() <= entry.order()) {
                index++;
            }
        }
        CTabItem item = new CTabItem(tabs, SWT.NONE, Math.min(index, tabs.getItemCount()));
        item.setData(entry.page());
        Composite body = new Composite(tabs, SWT.NONE);
        body.setLayout(new FillLayout());
        try {
            item.setText(entry.page().title(locale));
        } catch (RuntimeException e) {
            LOG.error("Page {} failed to give its title", entry.page().id(), e);
        }
        item.setControl(body);
        items.put(entry.page(), item);
        if (tabs.getSelectionIndex() < 0) {
            tabs.setSelection(0);
        }
        // the page shown last time comes back, also when its bundle starts after the window, unless the user chose one
        if (!pageChosen && entry.page().id().equals(config.page())) {
            tabs.setSelection(item);
        }
        build(tabs.getSelection());
        updateStatus();
    }

    /**
     * A page's controls are made when it is first shown: the window opens with one page built, and a page
     * that reads from the device (parameters) does so when the user opens it, not while the first live
     * values are on their way.
     */
    private void build(CTabItem item) {
        if (item == null || built.contains(item.getData())) {
            return;
        }
        WorkbenchPage page = (WorkbenchPage) item.getData();
        built.add(page);
        try {
            page.createContents((Composite) item.getControl(), locale);
        } catch (RuntimeException e) {
            LOG.error("Page {} failed to build its contents", page.id(), e);
        }
        ((Composite) item.getControl()).layout(true, true);
    }

    private void removeTab(WorkbenchPage page) {
        CTabItem item = items.remove(page);
        if (item != null) {
            if (built.remove(page)) {
                disposePage(page);
            }
            if (item.getControl() != null) {
                item.getControl().dispose();
            }
            item.dispose();
            build(tabs.getSelection());
            updateStatus();
        }
    }

    private void disposePage(WorkbenchPage page) {
        try {
            page.disposeContents();
        } catch (RuntimeException e) {
            LOG.warn("Page {} failed to dispose", page.id(), e);
        }
    }

    /** Title, menus and status line; the pages are made in the current language already. */
    private void relabelWindow() {
        shell.setText(Branding.get().productName(locale) + " " + Branding.get().version());
        buildMenu();
        updateStatus();
    }

    private void relabel() {
        relabelWindow();
        items.forEach((page, item) -> {
            try {
                item.setText(page.title(locale));
                if (built.contains(page)) {
                    page.localeChanged(locale);
                }
            } catch (RuntimeException e) {
                LOG.warn("Page {} failed to change language", page.id(), e);
            }
        });
        updateStatus();
        shell.layout(true, true);
    }

    private void updateStatus() {
        StatusMessage message = controller.currentStatus();
        String text = " " + message.render(locale);
        if (!text.equals(status.getText())) {
            status.setText(text);
        }
        status.setForeground(message.problem() ? org.bmsw.workbench.ui.Palette.FAULT : null);
        status.setToolTipText(Messages.format(locale, "status.pages", items.size()));
    }

    private void buildMenu() {
        Menu old = shell.getMenuBar();
        Menu bar = new Menu(shell, SWT.BAR);
        MenuItem file = cascade(bar, "menu.file");
        item(file.getMenu(), "menu.file.exit", SWT.PUSH).addListener(SWT.Selection, e -> shell.close());
        MenuItem deviceMenu = cascade(bar, "menu.device");
        disconnectItem = item(deviceMenu.getMenu(), "menu.device.disconnect", SWT.PUSH);
        disconnectItem.addListener(SWT.Selection, e -> controller.disconnect());
        engineerItem = item(deviceMenu.getMenu(), "menu.device.engineer", SWT.CHECK);
        engineerItem.addListener(SWT.Selection, e -> toggleEngineerMode(engineerItem));
        updateDeviceMenu();
        MenuItem language = cascade(bar, "menu.language");
        for (Locale option : List.of(Locale.ENGLISH, Messages.CHINESE)) {
            MenuItem choice = new MenuItem(language.getMenu(), SWT.RADIO);
            choice.setText(option == Locale.ENGLISH ? "ENGLISH" : "简体中文");
            choice.setSelection(option.equals(locale));
            choice.addListener(SWT.Selection, e -> {
                if (choice.getSelection() && !option.equals(locale)) {
                    // rebuilding the menu bar from inside its own event is unsafe: do it right after
                    shell.getDisplay().asyncExec(() -> {
                        if (!shell.isDisposed()) {
                            switchLanguage(option);
                        }
                    });
                }
            });
        }
        MenuItem help = cascade(bar, "menu.help");
        item(help.getMenu(), "menu.help.about", SWT.PUSH).addListener(SWT.Selection, e -> showAbout());
        shell.setMenuBar(bar);
        if (old != null) {
            old.dispose();
        }
    }

    /** Switches every visible string to {@code newLocale} at once, and remembers the choice. UI thread. */
    void switchLanguage(Locale newLocale) {
        locale = newLocale;
        relabel();
        connectionBar.relabel(newLocale);
        settings.save(Map.of("language", newLocale.getLanguage()));
    }

    /** Engineer mode is unlocked on purpose, after a warning; locking again needs no question. */
    private void toggleEngineerMode(MenuItem item) {
        if (controller.unlocked() == AccessLevel.ENGINEER) {
            controller.setUnlocked(AccessLevel.USER);
            return;
        }
        if (org.bmsw.workbench.internal.pages.Dialogs.askEngineerMode(shell, locale)) {
            controller.setUnlocked(AccessLevel.ENGINEER);
        } else {
            item.setSelection(false);
        }
    }

    private MenuItem cascade(Menu bar, String key) {
        MenuItem item = item(bar, key, SWT.CASCADE);
        item.setMenu(new Menu(shell, SWT.DROP_DOWN));
        return item;
    }

    private MenuItem item(Menu menu, String key, int style) {
        MenuItem item = new MenuItem(menu, style);
        item.setText(Messages.get(locale, key));
        return item;
    }

    private void showAbout() {
        MessageBox box = new MessageBox(shell, SWT.ICON_INFORMATION | SWT.OK);
        box.setText(Messages.get(locale, "about.title"));
        box.setMessage(aboutTexts.getOrDefault(locale, Branding.get().productName(locale)));
        box.open();
    }

    private void applyGeometry() {
        WorkbenchConfig c = config;
        Rectangle screen = shell.getDisplay().getPrimaryMonitor().getClientArea();
        int width = Math.min(Math.max(c.windowWidth(), 640), screen.width);
        int height = Math.min(Math.max(c.windowHeight(), 480), screen.height);
        if (c.windowX() >= 0 && c.windowY() >= 0 && c.windowX() < screen.x + screen.width - 50
                && c.windowY() < screen.y + screen.height - 50) {
            shell.setBounds(c.windowX(), c.windowY(), width, height);
        } else {
            shell.setSize(width, height);
        }
        shell.setMaximized(c.maximized());
    }

    private void onClose() {
        Rectangle bounds = shell.getBounds();
        Map<String, Object> geometry = new HashMap<>();
        geometry.put("maximized", shell.getMaximized());
        if (!shell.getMaximized()) {
            geometry.put("windowX", bounds.x);
            geometry.put("windowY", bounds.y);
            geometry.put("windowWidth", bounds.width);
            geometry.put("windowHeight", bounds.height);
        }
        settings.save(geometry);
        if (context == null) {
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Stopping the program after the window closed failed", e);
            }
        }, "bmsw-window-closed");
        stopper.start();
    }
}
