package org.bmsw.device.api;

import java.util.Locale;
import java.util.Map;

/**
 * A label in several languages, keyed by language tag ({@code en}, {@code zh}). Falls back to English,
 * then to any text present.
 */
public record LocalizedText(Map<String, String> texts) {

    public LocalizedText {
        texts = Map.copyOf(texts);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a label needs at least one language");
        }
    }

    public static LocalizedText of(String english, String chinese) {
        return new LocalizedText(chinese == null ? Map.of("en", english) : Map.of("en", english, "zh", chinese));
    }

    public static LocalizedText of(String english) {
        return new LocalizedText(Map.of("en", english));
    }

    public String text(Locale locale) {
        String exact = texts.get(locale.getLanguage());
        if (exact != null) {
            return exact;
        }
        String english = texts.get("en");
        return english != null ? english : texts.values().iterator().next();
    }

    public String english() {
        return text(Locale.ENGLISH);
    }
}
