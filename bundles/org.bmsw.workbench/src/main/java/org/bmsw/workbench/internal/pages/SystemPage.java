package org.bmsw.workbench.internal.pages;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.bmsw.core.ProfileRegistry;
import org.bmsw.core.TransportRegistry;
import org.bmsw.device.api.DeviceProfile;
import org.bmsw.transport.api.TransportProvider;
import org.bmsw.workbench.WorkbenchPage;
import org.bmsw.workbench.internal.Messages;
import org.bmsw.workbench.ui.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What this installation can talk to right now: transports, profiles and ports. Follows bundles
 * coming and going, so a dropped-in plugin shows up here at once.
 */
@Component(service = WorkbenchPage.class, property = WorkbenchPage.PROPERTY_ORDER + ":Integer=900")
public class SystemPage implements WorkbenchPage {


    private final TransportRegistry transports;
    private final ProfileRegistry profiles;

    // UI thread only
    private Group transportGroup;
    private Group profileGroup;
    private Group portGroup;
    private Table transportTable;
    private Table profileTable;
    private Table portTable;
    private Button refresh;
    private Locale locale;
    private AutoCloseable transportWatch;
    private AutoCloseable profileWatch;

    @Activate
    public SystemPage(@Reference TransportRegistry transports, @Reference ProfileRegistry profiles) {
        this.transports = transports;
        this.profiles = profiles;
    }

    @Override
    public String id() {
        return "system";
    }

    @Override
    public String title(Locale l) {
        return Messages.get(l, "page.system.title");
    }

    @Override
    public void createContents(Composite parent, Locale l) {
        locale = l;
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        transportGroup = group(root);
        transportTable = table(transportGroup, 3);
        profileGroup = group(root);
        profileTable = table(profileGroup, 3);
        portGroup = group(root);
        portTable = table(portGroup, 2);
        refresh = new Button(portGroup, SWT.PUSH);
        refresh.addListener(SWT.Selection, e -> listPorts());
        localeChanged(l);
        Display display = root.getDisplay();
        transportWatch = transports.onChange(() -> later(display, this::fillTransports));
        profileWatch = profiles.onChange(() -> later(display, this::fillProfiles));
        fillTransports();
        fillProfiles();
        listPorts();
    }

    @Override
    public void localeChanged(Locale l) {
        locale = l;
        transportGroup.setText(Messages.get(l, "page.system.transports"));
        profileGroup.setText(Messages.get(l, "page.system.profiles"));
        portGroup.setText(Messages.get(l, "page.system.ports"));
        refresh.setText(Messages.get(l, "page.system.refresh"));
        headers(transportTable, l, "page.system.id", "page.system.name", "page.system.kinds");
        headers(profileTable, l, "page.system.id", "page.system.name", "page.system.models");
        headers(portTable, l, "page.system.path", "page.system.description");
        fillProfiles();
        transportGroup.getParent().layout(true, true);
    }

    @Override
    public void disposeContents() {
        Ui.closeQuietly(transportWatch, profileWatch);
    }

    private void fillTransports() {
        transportTable.removeAll();
        for (TransportProvider provider : transports.providers()) {
            row(transportTable, provider.id(), provider.displayName(), provider.kinds().toString());
        }
        pack(transportTable);
    }

    private void fillProfiles() {
        profileTable.removeAll();
        for (DeviceProfile profile : profiles.profiles()) {
            row(profileTable, profile.id(), profile.displayName().text(locale), String.join(", ", profile.models()));
        }
        pack(profileTable);
    }

    /** Enumerating ports can take a while (USB descriptors): off the UI thread. */
    private void listPorts() {
        portTable.removeAll();
        row(portTable, Messages.get(locale, "page.system.listing"), "");
        refresh.setEnabled(false);
        Display display = portTable.getDisplay();
        CompletableFuture.supplyAsync(transports::listPorts).whenComplete((listing, error) -> later(display, () -> {
            portTable.removeAll();
            refresh.setEnabled(true);
            if (error != null) {
                row(portTable, error.toString(), "");
                return;
            }
            listing.ports().forEach(p -> row(portTable, p.transport() + ":" + p.path(), p.description()
                    + p.usbId().map(id -> " [" + id + "]").orElse("")));
            listing.problems().forEach(problem -> row(portTable, "!", problem));
            if (portTable.getItemCount() == 0) {
                row(portTable, Messages.get(locale, "page.system.none"), "");
            }
            pack(portTable);
        }));
    }

    private void later(Display display, Runnable task) {
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!portTable.isDisposed()) {
                task.run();
            }
        });
    }

    private static Group group(Composite parent) {
        Group group = new Group(parent, SWT.NONE);
        group.setLayout(new GridLayout(1, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return group;
    }

    private static Table table(Composite parent, int columns) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (int i = 0; i < columns; i++) {
            new TableColumn(table, SWT.LEFT).setWidth(200);
        }
        return table;
    }

    private static void headers(Table table, Locale l, String... keys) {
        for (int i = 0; i < keys.length; i++) {
            table.getColumn(i).setText(Messages.get(l, keys[i]));
        }
    }

    private static void row(Table table, String... cells) {
        new TableItem(table, SWT.NONE).setText(cells);
    }

    private static void pack(Table table) {
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
    }

}
