package org.bmsw.workbench.records.internal;

import java.util.Locale;

import org.bmsw.workbench.ui.PageStrings;

/** The Records page's strings, English and Simplified Chinese (messages*.properties beside this class, UTF-8). */
final class Messages {

    private static final PageStrings STRINGS = new PageStrings(Messages.class);

    private Messages() {
    }

    static String get(Locale locale, String key) {
        return STRINGS.get(locale, key);
    }

    static String format(Locale locale, String key, Object... args) {
        return STRINGS.format(locale, key, args);
    }
}
