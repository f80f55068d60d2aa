package org.bmsw.workbench.internal.pages;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Composite;

/** A page body that scrolls when the window is smaller than the page; {@link #reflow} after its content changed size. */
final class Scrolling {

    /** Narrower than this, the page scrolls sideways rather than squeezing its columns. */
    private static final int MIN_WIDTH = 900;

    private final ScrolledComposite scroller;
    private final Composite content;

    Scrolling(Composite parent) {
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        content = new Composite(scroller, SWT.NONE);
        scroller.setContent(content);
        scroller.addListener(SWT.Resize, e -> reflow());
    }

    Composite content() {
        return content;
    }

    /** Sizes the content for the visible width, and scrolls what does not fit. */
    void reflow() {
        // lay out once at the visible width first: wrapping widgets (cell tiles, chips) then know their width
        content.setSize(Math.max(scroller.getClientArea().width, content.getSize().x), content.getSize().y);
        content.layout(true, true);
        int width = scroller.getClientArea().width;
        int minWidth = Math.min(content.computeSize(SWT.DEFAULT, SWT.DEFAULT).x, MIN_WIDTH);
        scroller.setMinSize(minWidth, content.computeSize(Math.max(width, minWidth), SWT.DEFAULT).y);
        content.layout(true, true);
    }
}
