package org.bmsw.simulator.device;

import java.util.Locale;
import java.util.Objects;

import org.bmsw.protocol.xcp.XcpCommand;

/**
 * When a simulated device loses power during a firmware update, once ({@code bmsw simulate --power-cut-at}):
 * just before its bootloader handles the {@code count}-th XCP command of a kind, or the {@code count}-th XCP
 * packet of any kind, or in the middle of its {@code count}-th flash erase / program operation (torn: half done).
 * Counts start when the plan is set.
 *
 * @param kind    what is counted
 * @param command the command counted, for {@link Kind#COMMAND}; null otherwise
 * @param count   1-based: the first is 1
 */
public record PowerCutPlan(Kind kind, XcpCommand command, long count) {

    public enum Kind {
        /** Before the count-th packet of {@link #command()}. */
        COMMAND,
        /** Before the count-th XCP packet. */
        PACKET,
        /** During the count-th flash operation (erase or program), which is left half done. */
        FLASH_OPERATION
    }

    public PowerCutPlan {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.COMMAND) != (command != null)) {
            throw new IllegalArgumentException("a command is named for COMMAND plans and only for them");
        }
        if (count < 1) {
            throw new IllegalArgumentException("power cuts count from 1: " + count);
        }
    }

    /**
     * Reads {@code PROGRAM_CLEAR}, {@code PROGRAM_MAX#3} (the third), {@code packet=12} or {@code flash-op=5}.
     *
     * @throws IllegalArgumentException naming what is wrong and what is accepted
     */
    public static PowerCutPlan parse(String text) {
        String spec = text.strip();
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            String key = spec.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            long n = number(spec.substring(eq + 1), text);
            return switch (key) {
                case "packet" -> new PowerCutPlan(Kind.PACKET, null, n);
                case "flash-op" -> new PowerCutPlan(Kind.FLASH_OPERATION, null, n);
                default -> throw new IllegalArgumentException("power cut '" + text + "': " + key
                        + " is neither packet nor flash-op");
            };
        }
        int hash = spec.indexOf('#');
        String name = (hash < 0 ? spec : spec.substring(0, hash)).strip().toUpperCase(Locale.ROOT);
        long n = hash < 0 ? 1 : number(spec.substring(hash + 1), text);
        XcpCommand command;
        try {
            command = XcpCommand.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("power cut '" + text + "': " + name + " is no XCP command; use one of"
                    + " CONNECT, GET_STATUS, SET_MTA, PROGRAM_START, PROGRAM_CLEAR, PROGRAM, PROGRAM_MAX, BUILD_CHECKSUM,"
                    + " PROGRAM_RESET (optionally #N for the N-th), packet=N or flash-op=N");
        }
        return new PowerCutPlan(Kind.COMMAND, command, n);
    }

    private static long number(String digits, String text) {
        try {
            long n = Long.parseLong(digits.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("power cut '" + text + "': '" + digits.strip() + "' is not a count from 1");
        }
    }

    /** "before the 3rd PROGRAM_MAX", for messages. */
    public String describe() {
        return switch (kind) {
            case COMMAND -> "before the " + ordinal(count) + " " + command.name();
            case PACKET -> "before XCP packet " + count;
            case FLASH_OPERATION -> "in the middle of flash operation " + count;
        };
    }

    private static String ordinal(long n) {
        long tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
