package org.bmsw.workbench.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Control;

/** Bold and larger variants of a control's font, disposed with the control; how canvases buffer. */
final class Fonts {

    /**
     * GTK 3 draws every widget double-buffered already; SWT's own buffering would add an image allocation and
     * a copy to every paint there. Elsewhere (Windows) canvases need it against flicker.
     */
    static final int BUFFERING = "gtk".equals(SWT.getPlatform()) ? SWT.NONE : SWT.DOUBLE_BUFFERED;

    private Fonts() {
    }

    static Font derive(Control control, int heightDelta, int style) {
        FontData[] data = control.getFont().getFontData();
        for (FontData d : data) {
            d.setHeight(Math.max(6, d.getHeight() + heightDelta));
            d.setStyle(style);
        }
        Font font = new Font(control.getDisplay(), data);
        control.addListener(SWT.Dispose, e -> font.dispose());
        return font;
    }
}
