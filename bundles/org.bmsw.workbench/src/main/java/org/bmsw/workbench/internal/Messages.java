package org.bmsw.workbench.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The workbench's own strings, English and Simplified Chinese (messages*.properties, UTF-8). */
final class Messages {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private Messages() {
    }

    static String get(Locale locale, String key) {
        try {
            return ResourceBundle.getBundle("org.bmsw.workbench.internal.messages", locale,
                    Messages.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    /** "en" or "zh" from the configuration; anything else is English. */
    static Locale locale(String language) {
        return "zh".equals(language) ? CHINESE : Locale.ENGLISH;
    }
}
