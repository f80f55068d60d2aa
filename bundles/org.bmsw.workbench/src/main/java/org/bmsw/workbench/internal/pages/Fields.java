package org.bmsw.workbench.internal.pages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Name / value pairs in two columns. A value label is only touched when its text changes, so a refresh at
 * 5 Hz costs nothing for values that stay put. Each value label carries its key as widget data.
 */
final class Fields {

    private final Map<String, Label> names = new LinkedHashMap<>();
    private final Map<String, Label> values = new LinkedHashMap<>();

    Fields(Composite parent, String dataKey, String... keys) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.horizontalSpacing = 12;
        layout.verticalSpacing = 2;
        box.setLayout(layout);
        box.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        FontData[] data = box.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
        }
        Font bold = new Font(box.getDisplay(), data);
        box.addListener(SWT.Dispose, e -> bold.dispose());
        for (String key : keys) {
            Label name = new Label(box, SWT.NONE);
            name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
            Label value = new Label(box, SWT.NONE);
            value.setFont(bold);
            value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            value.setData(dataKey, key);
            value.setText(Format.NONE);
            names.put(key, name);
            values.put(key, value);
        }
    }

    void relabel(Function<String, String> label) {
        names.forEach((key, name) -> name.setText(label.apply(key)));
    }

    void set(String key, String text) {
        Label value = values.get(key);
        if (!value.getText().equals(text)) {
            value.setText(text);
            value.getParent().layout(new org.eclipse.swt.widgets.Control[] {value});
        }
    }

    void clear() {
        values.keySet().forEach(key -> set(key, Format.NONE));
    }

    String text(String key) {
        return values.get(key).getText();
    }
}
