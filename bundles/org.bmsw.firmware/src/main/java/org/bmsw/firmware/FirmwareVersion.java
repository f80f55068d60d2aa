package org.bmsw.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A firmware version as devices write them ("1.4.0", "35-7-3", "V2.1b"), ordered to tell a downgrade:
 * numbers compare as numbers, words as words (case-insensitive), missing trailing numbers count as 0
 * ("1.2" = "1.2.0"), and a trailing word marks a pre-release ("1.2.0-rc1" &lt; "1.2.0").
 */
public record FirmwareVersion(String text, List<Object> parts) implements Comparable<FirmwareVersion> {

    private static final Pattern PART = Pattern.compile("(\\d+)|([A-Za-z]+)");

    public FirmwareVersion {
        parts = List.copyOf(parts);
    }

    public static FirmwareVersion parse(String text) {
        List<Object> parts = new ArrayList<>();
        String body = text.strip();
        // a leading "v" / "V" is decoration, not a pre-release word
        if (body.length() > 1 && (body.charAt(0) == 'v' || body.charAt(0) == 'V') && Character.isDigit(body.charAt(1))) {
            body = body.substring(1);
        }
        Matcher m = PART.matcher(body);
        while (m.find()) {
            parts.add(m.group(1) != null ? (Object) new java.math.BigInteger(m.group(1)) : m.group(2).toLowerCase(Locale.ROOT));
        }
        return new FirmwareVersion(text, parts);
    }

    @Override
    public int compareTo(FirmwareVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            Object a = i < parts.size() ? parts.get(i) : null;
            Object b = i < other.parts.size() ? other.parts.get(i) : null;
            int c = comparePart(a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** null = nothing here: like 0 against a number, after a word (a word here marks a pre-release). */
    private static int comparePart(Object a, Object b) {
        if (a instanceof java.math.BigInteger x && b instanceof java.math.BigInteger y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a == null) {
            return b instanceof java.math.BigInteger y ? java.math.BigInteger.ZERO.compareTo(y) : 1;
        }
        if (b == null) {
            return -comparePart(b, a);
        }
        return a instanceof java.math.BigInteger ? 1 : -1; // 1.2.1 after 1.2.rc
    }

    public boolean isOlderThan(FirmwareVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
