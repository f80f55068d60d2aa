package org.bmsw.workbench;

import java.util.Locale;

import org.eclipse.swt.widgets.Composite;

/**
 * A page of the workbench window, registered as an OSGi service (whiteboard). Every method is called
 * on the UI thread; a page must never block it: do I/O on another thread and come back through
 * {@code Display.asyncExec} with an {@code isDisposed()} check.
 */
public interface WorkbenchPage {

    /**
     * Service property: pages are ordered by it, lowest first. The workbench's own: Overview 100, Cells 150,
     * Parameters 200, Controls 300, System 900; reserved for contributed pages: Calibration 400, Firmware 500,
     * Records 600, CAN trace 700.
     */
    String PROPERTY_ORDER = "bmsw.page.order";

    /** Stable id, e.g. {@code overview}. */
    String id();

    /** Tab title in the given language (English or Simplified Chinese). */
    String title(Locale locale);

    /** Creates the page's controls inside {@code parent} (which has a FillLayout). */
    void createContents(Composite parent, Locale locale);

    /** The user switched language: relabel the controls. */
    default void localeChanged(Locale locale) {
    }

    /** The page's controls are about to be disposed (page removed or window closed). */
    default void disposeContents() {
    }
}
