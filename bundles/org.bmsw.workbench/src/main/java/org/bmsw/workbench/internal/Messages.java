package org.bmsw.workbench.internal;

import java.util.Locale;

import org.bmsw.workbench.ui.PageStrings;

/** The workbench's own strings, English and Simplified Chinese (messages*.properties, UTF-8). */
public final class Messages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final PageStrings STRINGS = new PageStrings(Messages.class);

    private Messages() {
    }

    public static String get(Locale locale, String key) {
        return STRINGS.get(locale, key);
    }

    /** The message with {@link String#format} arguments. */
    public static String format(Locale locale, String key, Object... args) {
        return STRINGS.format(locale, key, args);
    }

    /** "en" or "zh" from the configuration; anything else is English. */
    static Locale locale(String language) {
        return "zh".equals(language) ? CHINESE : Locale.ENGLISH;
    }
}
