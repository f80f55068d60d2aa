package org.bmsw.workbench.records.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.bmsw.transport.api.LinkSettings;
import org.bmsw.workbench.WorkbenchContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the window to connect to a port, as its connection bar would: through
 * {@code WorkbenchContext.connect(LinkSettings, int, String)}, which this page needs the workbench to offer (see the
 * recorder's README notes). Until the interface has it, the method is looked up on the context object, so the page
 * works with a workbench that offers it and says what to do by hand with one that does not. When the interface
 * gains the method, this class becomes a direct call.
 */
final class WindowConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WindowConnection.class);

    private WindowConnection() {
    }

    /** @return false when this workbench cannot be asked to connect (the user connects through the bar) */
    static boolean connect(WorkbenchContext context, LinkSettings link, int address, String profileId) {
        Method connect;
        try {
            connect = context.getClass().getMethod("connect", LinkSettings.class, int.class, String.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
        try {
            connect.invoke(context, link, address, profileId);
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.warn("Asking the window to connect to {} failed", link.describe(), e);
            return false;
        }
    }
}
