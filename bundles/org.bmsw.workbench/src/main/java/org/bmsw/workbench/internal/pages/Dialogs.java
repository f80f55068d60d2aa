package org.bmsw.workbench.internal.pages;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.bmsw.workbench.internal.Messages;

/**
 * Small modal dialogs built from plain SWT (no JFace). Buttons carry an action name as widget data
 * ({@link #ACTION}) so a test can find and press them as a user would.
 */
public final class Dialogs {

    /** Widget data key of dialog buttons and page actions. */
    static final String ACTION = "bmsw.action";

    private Dialogs() {
    }

    static Shell shell(Shell parent, String title) {
        Shell dialog = new Shell(parent, SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL | SWT.RESIZE);
        dialog.setText(title);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 12;
        layout.marginHeight = 12;
        layout.verticalSpacing = 8;
        dialog.setLayout(layout);
        return dialog;
    }

    static Label text(Composite parent, String text) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText(text);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.widthHint = 640;
        label.setLayoutData(data);
        return label;
    }

    static Table table(Composite parent, int height, String... headers) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.heightHint = height;
        table.setLayoutData(data);
        for (String header : headers) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(header);
        }
        return table;
    }

    static void row(Table table, String... cells) {
        new TableItem(table, SWT.NONE).setText(cells);
    }

    static void pack(Table table) {
        for (TableColumn column : table.getColumns()) {
            column.pack();
            column.setWidth(Math.min(column.getWidth() + 8, 360));
        }
    }

    static Composite buttonBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.spacing = 8;
        bar.setLayout(layout);
        bar.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
        return bar;
    }

    static Button button(Composite parent, String text, String action, Runnable onPress) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setData(ACTION, action);
        button.addListener(SWT.Selection, e -> onPress.run());
        return button;
    }

    /** Sizes, centres and shows the dialog, and returns once it is closed (the UI keeps running meanwhile). */
    static void run(Shell dialog) {
        Point size = dialog.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        Rectangle screen = dialog.getDisplay().getPrimaryMonitor().getClientArea();
        int width = Math.min(Math.max(size.x, 480), screen.width - 40);
        int height = Math.min(size.y, screen.height - 60);
        Rectangle owner = dialog.getParent().getBounds();
        dialog.setBounds(owner.x + Math.max(0, (owner.width - width) / 2), owner.y + Math.max(0, (owner.height - height) / 2),
                width, height);
        dialog.open();
        Display display = dialog.getDisplay();
        while (!dialog.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    /**
     * Asks a yes / no question; the answer is no unless the user presses yes.
     *
     * @param warning the question is about something that can hurt the battery: shown in the warning colour
     */
    public static boolean confirm(Shell parent, String title, String message, String yes, String no, boolean warning) {
        Shell dialog = shell(parent, title);
        Label text = text(dialog, message);
        if (warning) {
            text.setForeground(org.bmsw.workbench.ui.Palette.FAULT);
        }
        java.util.concurrent.atomic.AtomicBoolean answer = new java.util.concurrent.atomic.AtomicBoolean();
        Composite bar = buttonBar(dialog);
        button(bar, yes, "yes", () -> {
            answer.set(true);
            dialog.close();
        });
        dialog.setDefaultButton(button(bar, no, "no", dialog::close));
        run(dialog);
        return answer.get();
    }

    /** The engineer-mode question, the same wherever it is unlocked. */
    public static boolean askEngineerMode(Shell parent, java.util.Locale locale) {
        return confirm(parent, Messages.get(locale, "params.engineer.title"), Messages.get(locale, "params.engineer.question"),
                Messages.get(locale, "dialog.unlock"), Messages.get(locale, "dialog.cancel"), true);
    }

    /** A list of lines (problems, errors) with a close button. */
    static void lines(Shell parent, String title, String intro, List<String> lines, String close) {
        Shell dialog = shell(parent, title);
        text(dialog, intro);
        Table table = table(dialog, Math.min(320, 24 + lines.size() * 22), "");
        table.setHeaderVisible(false);
        lines.forEach(line -> row(table, line));
        pack(table);
        Composite bar = buttonBar(dialog);
        dialog.setDefaultButton(button(bar, close, "close", dialog::close));
        run(dialog);
    }
}
