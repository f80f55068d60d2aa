package org.bmsw.workbench.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.internal.pages.CellsPage;
import org.bmsw.workbench.internal.pages.ControlsPage;
import org.bmsw.workbench.internal.pages.OverviewPage;
import org.bmsw.workbench.internal.pages.ParametersPage;
import org.bmsw.workbench.internal.pages.SystemPage;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The workbench as DS assembles it (controller, window, the five pages), built by hand on the real core
 * services, with settings kept in memory. Drives the UI only through its own thread, as a user would.
 */
public final class WindowHarness implements AutoCloseable {

    /** Settings the window saved, as ConfigAdmin would have stored them. */
    public final Map<String, Object> saved = new ConcurrentHashMap<>();
    public final ConnectionController controller;
    public final WorkbenchWindow window;
    public final ParametersPage parameters;
    public final List<WorkbenchPage> pages = new ArrayList<>();
    private final UiThread uiThread;
    private final Display display;

    public WindowHarness(CoreFixture core, Path dataDir, Map<String, Object> config) throws Exception {
        XDisplay.ensureRunning();
        Settings settings = saved::putAll;
        WorkbenchConfig workbenchConfig = config(config);
        controller = new ConnectionController(core.connections, core.transports, core.profiles, core.live, settings,
                dataDir, () -> false);
        uiThread = new UiThread();
        window = new WorkbenchWindow(controller, settings, core.transports, core.profiles, core.live, uiThread);
        parameters = new ParametersPage(core.live, controller);
        pages.add(new OverviewPage(core.live, controller));
        pages.add(new CellsPage(core.live, controller));
        pages.add(parameters);
        pages.add(new ControlsPage(controller));
        pages.add(new SystemPage(core.transports, core.profiles));
        int[] orders = {100, 150, 200, 300, 900}; // as the pages' components declare them
        for (int i = 0; i < pages.size(); i++) {
            window.addPage(pages.get(i), Map.of(WorkbenchPage.PROPERTY_ORDER, orders[i]));
        }
        window.activate(null, workbenchConfig);
        if (workbenchConfig.autoConnect()) {
            controller.autoConnect(workbenchConfig);
        }
        display = waitForDisplay();
    }

    /** The configuration DS would hand over: defaults of the annotation, overridden by {@code values}. */
    static WorkbenchConfig config(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (WorkbenchConfig) Proxy.newProxyInstance(WorkbenchConfig.class.getClassLoader(),
                new Class<?>[] {WorkbenchConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return WorkbenchConfig.class;
                    }
                    Object v = copy.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    private static Display waitForDisplay() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("bmsw-ui")) {
                    Display d = Display.findDisplay(thread);
                    if (d != null) {
                        try {
                            AtomicReference<Boolean> open = new AtomicReference<>(false);
                            d.syncExec(() -> open.set(d.getShells().length > 0 && d.getShells()[0].isVisible()));
                            if (open.get()) {
                                return d;
                            }
                        } catch (RuntimeException e) {
                            // still starting
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the workbench window did not open within 10 s");
    }

    /** Adds a page as the whiteboard would when a bundle registers one (pages of other bundles' tests). */
    public void addPage(WorkbenchPage page, int order) {
        run(() -> window.addPage(page, Map.of(WorkbenchPage.PROPERTY_ORDER, order)));
        pages.add(page);
    }

    public Display display() {
        return display;
    }

    /** Runs on the UI thread and returns the result. */
    public <T> T ui(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(work.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Runs on the UI thread without waiting: for what opens a modal dialog, which waits for the user. */
    public void later(Runnable work) {
        display.asyncExec(work);
    }

    public void run(Runnable work) {
        ui(() -> {
            work.run();
            return null;
        });
    }

    /** Polls {@code condition} on the UI thread until it holds. */
    public void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (ui(condition::getAsBoolean)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
    }

    public Shell mainShell() {
        return ui(() -> display.getShells()[0]);
    }

    /** Shells open besides the main window (dialogs). UI thread. */
    public List<Shell> dialogs() {
        List<Shell> open = new ArrayList<>();
        for (Shell shell : display.getShells()) {
            if (shell != window.shell() && !shell.isDisposed() && shell.isVisible()) {
                open.add(shell);
            }
        }
        return open;
    }

    public CTabFolder tabs() {
        for (Control child : window.shell().getChildren()) {
            if (child instanceof CTabFolder folder) {
                return folder;
            }
        }
        throw new AssertionError("no page folder");
    }

    /** Selects the page with this id. UI thread. */
    public void showPage(String id) {
        for (CTabItem item : tabs().getItems()) {
            if (item.getData() instanceof WorkbenchPage page && page.id().equals(id)) {
                tabs().setSelection(item);
                tabs().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
                window.shell().layout(true, true);
                return;
            }
        }
        throw new AssertionError("no page " + id);
    }

    /** The first widget below {@code root} whose data under {@code key} is {@code value}. UI thread. */
    @SuppressWarnings("unchecked")
    public static <W extends Control> W find(Control root, String key, Object value) {
        if (value.equals(root.getData(key))) {
            return (W) root;
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                W found = find(child, key, value);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        if (display != null && !display.isDisposed()) {
            try {
                display.syncExec(() -> window.shell().close());
            } catch (RuntimeException e) {
                // already gone
            }
        }
        window.deactivate();
        controller.deactivate();
        uiThread.deactivate();
    }
}
