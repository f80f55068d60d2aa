package org.bmsw.workbench.cantrace.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bmsw.can.dbc.DbcMessage;
import org.bmsw.can.dbc.DbcSignal;

/**
 * What the user typed to narrow the trace: words separated by spaces or commas, a frame shown when any word
 * matches its id ({@code 0x18FF50E5}, {@code 18ff50e5}, {@code 1A0}), its message's name, or the name of a signal in
 * its message (parts of names, any case). Empty shows everything.
 */
final class FrameFilter {

    private final List<String> words;
    private final List<Integer> ids;

    private FrameFilter(List<String> words, List<Integer> ids) {
        this.words = words;
        this.ids = ids;
    }

    static FrameFilter parse(String text) {
        List<String> words = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (String word : text.trim().split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String lower = word.toLowerCase(Locale.ROOT);
            words.add(lower);
            String hex = lower.startsWith("0x") ? lower.substring(2) : lower;
            if (hex.matches("[0-9a-f]{1,8}")) {
                long id = Long.parseLong(hex, 16);
                if (id <= 0x1FFF_FFFF) {
                    ids.add((int) id);
                }
            }
        }
        return new FrameFilter(List.copyOf(words), List.copyOf(ids));
    }

    boolean all() {
        return words.isEmpty();
    }

    boolean matches(TracedFrame traced, Optional<DbcMessage> message) {
        if (words.isEmpty() || ids.contains(traced.frame().id())) {
            return true;
        }
        if (message.isEmpty()) {
            return false;
        }
        String name = message.get().name().toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (name.contains(word)) {
                return true;
            }
            for (DbcSignal signal : message.get().signals()) {
                if (signal.name().toLowerCase(Locale.ROOT).contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }
}
