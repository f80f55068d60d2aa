package org.bmsw.workbench.firmware.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The page's strings (messages*.properties beside this class, English and Simplified Chinese, UTF-8). */
final class PageMessages {

    private static final String BUNDLE = "org.bmsw.workbench.firmware.internal.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private PageMessages() {
    }

    static String get(Locale locale, String key) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, PageMessages.class.getClassLoader(), NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    static String format(Locale locale, String key, Object... args) {
        return String.format(locale, get(locale, key), args);
    }
}
