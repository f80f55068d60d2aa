package org.bmsw.workbench.internal;

import java.util.List;
import java.util.Locale;

/**
 * A status-line message that can be shown again in another language: a message key with its arguments,
 * or (from contributed pages) text already in the user's language.
 */
record StatusMessage(String key, List<Object> args, String text, boolean problem) {

    StatusMessage {
        args = List.copyOf(args);
    }

    static StatusMessage of(String key, Object... args) {
        return new StatusMessage(key, List.of(args), null, false);
    }

    static StatusMessage problem(String key, Object... args) {
        return new StatusMessage(key, List.of(args), null, true);
    }

    static StatusMessage text(String text, boolean problem) {
        return new StatusMessage(null, List.of(), text, problem);
    }

    String render(Locale locale) {
        return key == null ? text : Messages.format(locale, key, args.toArray());
    }
}
