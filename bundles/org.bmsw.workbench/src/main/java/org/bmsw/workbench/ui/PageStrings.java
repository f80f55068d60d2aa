package org.bmsw.workbench.ui;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A page's own strings in English and Simplified Chinese: {@code messages.properties} and
 * {@code messages_zh.properties} (UTF-8) in the owner's package, loaded through the owner's bundle. A missing key
 * shows as {@code !key!}, so it is seen on screen rather than failing the page.
 */
public final class PageStrings {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String baseName;
    private final ClassLoader loader;

    /** The {@code messages*.properties} beside {@code owner}. */
    public PageStrings(Class<?> owner) {
        this.baseName = owner.getPackageName() + ".messages";
        this.loader = owner.getClassLoader();
    }

    public String get(Locale locale, String key) {
        try {
            return ResourceBundle.getBundle(baseName, locale, loader, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    /** The string with {@link String#format} arguments. */
    public String format(Locale locale, String key, Object... args) {
        return String.format(locale, get(locale, key), args);
    }
}
