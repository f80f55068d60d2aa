package org.bmsw.workbench.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The workbench's own strings, English and Simplified Chinese (messages*.properties, UTF-8). */
public final class Messages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    public static String get(Locale locale, String key) {
        try {
            return ResourceBundle.getBundle("org.bmsw.workbench.internal.messages", locale,
                    Messages.class.getClassLoader(), NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    /** The message with {@link String#format} arguments. */
    public static String format(Locale locale, String key, Object... args) {
        return String.format(locale, get(locale, key), args);
    }

    /** "en" or "zh" from the configuration; anything else is English. */
    static Locale locale(String language) {
        return "zh".equals(language) ? CHINESE : Locale.ENGLISH;
    }
}
