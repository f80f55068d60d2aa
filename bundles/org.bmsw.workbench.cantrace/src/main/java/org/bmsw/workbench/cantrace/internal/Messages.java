package org.bmsw.workbench.cantrace.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The CAN trace page's strings, English and Simplified Chinese (messages*.properties, UTF-8). */
final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    static String get(Locale locale, String key) {
        try {
            return ResourceBundle.getBundle("org.bmsw.workbench.cantrace.internal.messages", locale,
                    Messages.class.getClassLoader(), NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    static String format(Locale locale, String key, Object... args) {
        return String.format(locale, get(locale, key), args);
    }
}
