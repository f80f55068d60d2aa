package org.bmsw.simulator.battery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted load: a sequence of {@link ScenarioStep}s. The text form, one step per {@code ;} or line,
 * {@code #} starts a comment, case-insensitive:
 *
 * <pre>
 * charge 25A until cellV&gt;=3.6 for 3h; rest 30m; discharge 50A until soc&lt;=5%
 * charge 0.5C cv 87.6V until current&lt;=2 or cutoff for 4h
 * discharge 2kW until minCellV&lt;=2.9
 * rest until temp&lt;=30 for 2h
 * repeat 3 { charge 1C until cutoff; rest 10m; discharge 1C until cutoff; rest 10m }
 * </pre>
 *
 * <p>Amounts: {@code A}, {@code mA}, {@code C} (× the pack's nominal capacity), {@code W}, {@code kW} (constant power).
 * Durations: {@code h}, {@code m}/{@code min}, {@code s}, {@code ms}, combinable ({@code 1h30m}).
 * Conditions ({@link Condition.Variable}): {@code cellV maxCellV minCellV packV} (V, or with {@code mV}),
 * {@code soc} (%), {@code temp maxTemp minTemp} (°C), {@code current} (|A|), and {@code cutoff}; operators
 * {@code >= <= > <}; several joined with {@code or} or {@code ,}. {@code rest 30m} is {@code rest for 30m}.
 * The charger and the load respect the BMS: no current flows in a direction whose switch is open.
 */
public record Scenario(List<ScenarioStep> steps) {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(>=|<=|>|<)|(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|-?\\.\\d+)([a-zA-Z%°]*)|([a-zA-Z_][a-zA-Z0-9_]*)|([,{}]))");

    public Scenario {
        steps = List.copyOf(steps);
    }

    public static Scenario of(ScenarioStep... steps) {
        return new Scenario(List.of(steps));
    }

    /** Parse the text form; throws {@link IllegalArgumentException} naming the offending step. */
    public static Scenario parse(String text) {
        StringBuilder clean = new StringBuilder();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            clean.append(hash >= 0 ? line.substring(0, hash) : line).append(';');
        }
        List<ScenarioStep> steps = new ArrayList<>();
        parseBlock(clean.toString(), steps);
        return new Scenario(steps);
    }

    private static void parseBlock(String text, List<ScenarioStep> out) {
        int i = 0;
        int n = text.length();
        StringBuilder current = new StringBuilder();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '{') {
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    if (text.charAt(j) == '{') {
                        depth++;
                    } else if (text.charAt(j) == '}') {
                        depth--;
                    }
                    j++;
                }
                if (depth != 0) {
                    throw new IllegalArgumentException("unbalanced '{' in scenario");
                }
                String head = current.toString().trim();
                Matcher m = Pattern.compile("(?i)repeat\\s+(\\d+)").matcher(head);
                if (!m.matches()) {
                    throw new IllegalArgumentException("'{' only follows 'repeat N', not '" + head + "'");
                }
                int times = Integer.parseInt(m.group(1));
                List<ScenarioStep> body = new ArrayList<>();
                parseBlock(text.substring(i + 1, j - 1), body);
                for (int k = 0; k < times; k++) {
                    out.addAll(body);
                }
                current.setLength(0);
                i = j;
            } else if (c == '}') {
                throw new IllegalArgumentException("unbalanced '}' in scenario");
            } else if (c == ';') {
                addStep(current.toString(), out);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addStep(current.toString(), out);
    }

    private static void addStep(String text, List<ScenarioStep> out) {
        if (!text.isBlank()) {
            try {
                out.add(parseStep(text.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario step '" + text.trim() + "': " + e.getMessage(), e);
            }
        }
    }

    private record Token(String op, Double number, String unit, String word, String punct) {
        boolean isWord(String w) {
            return word != null && word.equalsIgnoreCase(w);
        }

        @Override
        public String toString() {
            return op != null ? op : number != null ? number + unit : word != null ? word : punct;
        }
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                if (s.substring(pos).isBlank()) {
                    break;
                }
                throw new IllegalArgumentException("cannot read '" + s.substring(pos).trim() + "'");
            }
            if (m.group(1) != null) {
                tokens.add(new Token(m.group(1), null, null, null, null));
            } else if (m.group(2) != null) {
                tokens.add(new Token(null, Double.parseDouble(m.group(2)), m.group(3), null, null));
            } else if (m.group(4) != null) {
                tokens.add(new Token(null, null, null, m.group(4), null));
            } else {
                tokens.add(new Token(null, null, null, null, m.group(5)));
            }
            pos = m.end();
        }
        // a unit written apart from its number: "25 A", "3 h"
        List<Token> merged = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.number != null && t.unit.isEmpty() && i + 1 < tokens.size() && tokens.get(i + 1).word != null
                    && isUnit(tokens.get(i + 1).word)) {
                merged.add(new Token(null, t.number, tokens.get(i + 1).word, null, null));
                i++;
            } else {
                merged.add(t);
            }
        }
        return merged;
    }

    private static boolean isUnit(String w) {
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "a", "ma", "c", "w", "kw", "v", "mv", "h", "m", "min", "s", "ms" -> true;
            default -> false;
        };
    }

    private static ScenarioStep parseStep(String text) {
        List<Token> t = tokenize(text);
        int[] pos = {0};
        Token first = t.get(0);
        ScenarioStep.Kind kind;
        if (first.isWord("charge")) {
            kind = ScenarioStep.Kind.CHARGE;
        } else if (first.isWord("discharge")) {
            kind = ScenarioStep.Kind.DISCHARGE;
        } else if (first.isWord("rest") || first.isWord("wait")) {
            kind = ScenarioStep.Kind.REST;
        } else {
            throw new IllegalArgumentException("a step starts with charge, discharge or rest, not '" + first + "'");
        }
        pos[0] = 1;
        double amount = 0;
        ScenarioStep.Unit unit = ScenarioStep.Unit.AMPS;
        Duration max = null;
        double cv = Double.NaN;
        List<Condition> until = new ArrayList<>();
        if (kind != ScenarioStep.Kind.REST) {
            Token a = next(t, pos, "an amount such as 25A, 1C or 2kW");
            if (a.number == null) {
                throw new IllegalArgumentException("expected an amount such as 25A, 1C or 2kW, not '" + a + "'");
            }
            switch (a.unit.toLowerCase(Locale.ROOT)) {
                case "a" -> amount = a.number;
                case "ma" -> amount = a.number / 1000;
                case "c" -> { amount = a.number; unit = ScenarioStep.Unit.C_RATE; }
                case "w" -> { amount = a.number; unit = ScenarioStep.Unit.WATTS; }
                case "kw" -> { amount = a.number * 1000; unit = ScenarioStep.Unit.WATTS; }
                default -> throw new IllegalArgumentException("amount '" + a + "' needs a unit: A, mA, C, W or kW");
            }
            if (amount < 0) {
                throw new IllegalArgumentException("the amount is a magnitude; the direction is the step kind");
            }
        } else if (pos[0] < t.size() && t.get(pos[0]).number != null) {
            max = duration(t, pos);
        }
        while (pos[0] < t.size()) {
            Token k = t.get(pos[0]++);
            if (k.isWord("cv") && kind == ScenarioStep.Kind.CHARGE) {
                Token v = next(t, pos, "a voltage");
                cv = volts(v);
            } else if (k.isWord("until")) {
                until.add(condition(t, pos));
                while (pos[0] < t.size() && (t.get(pos[0]).isWord("or") || ",".equals(t.get(pos[0]).punct))) {
                    pos[0]++;
                    until.add(condition(t, pos));
                }
            } else if (k.isWord("for")) {
                max = duration(t, pos);
            } else {
                throw new IllegalArgumentException("unexpected '" + k + "' (expected until, for" + (kind == ScenarioStep.Kind.CHARGE ? ", cv" : "") + ")");
            }
        }
        return new ScenarioStep(kind, amount, unit, cv, until, max);
    }

    private static Token next(List<Token> t, int[] pos, String what) {
        if (pos[0] >= t.size()) {
            throw new IllegalArgumentException("expected " + what + " at the end");
        }
        return t.get(pos[0]++);
    }

    private static double volts(Token v) {
        if (v.number == null) {
            throw new IllegalArgumentException("expected a voltage, not '" + v + "'");
        }
        return switch (v.unit.toLowerCase(Locale.ROOT)) {
            case "", "v" -> v.number;
            case "mv" -> v.number / 1000;
            default -> throw new IllegalArgumentException("'" + v + "' is not a voltage");
        };
    }

    private static Condition condition(List<Token> t, int[] pos) {
        Token w = next(t, pos, "a condition");
        if (w.isWord("cutoff") || w.isWord("off") || w.isWord("protect")) {
            return Condition.cutoff();
        }
        if (w.word == null) {
            throw new IllegalArgumentException("expected a condition such as cellV>=3.6, not '" + w + "'");
        }
        Condition.Variable var = Condition.Variable.parse(w.word);
        Token o = next(t, pos, "an operator");
        if (o.op == null) {
            throw new IllegalArgumentException("expected >=, <=, > or < after " + w.word);
        }
        Condition.Op op = switch (o.op) {
            case ">=" -> Condition.Op.GE;
            case "<=" -> Condition.Op.LE;
            case ">" -> Condition.Op.GT;
            default -> Condition.Op.LT;
        };
        Token v = next(t, pos, "a value");
        if (v.number == null) {
            throw new IllegalArgumentException("expected a number after " + w.word + o.op);
        }
        String u = v.unit.toLowerCase(Locale.ROOT);
        double value = switch (var) {
            case CELL_V, MAX_CELL_V, MIN_CELL_V, PACK_V -> volts(v);
            case SOC -> {
                if (!u.isEmpty() && !u.equals("%")) {
                    throw new IllegalArgumentException("soc is in %, not '" + v + "'");
                }
                yield v.number;
            }
            case TEMP, MAX_TEMP, MIN_TEMP -> {
                if (!u.isEmpty() && !u.equals("c") && !u.equals("°c")) {
                    throw new IllegalArgumentException("temperatures are in °C, not '" + v + "'");
                }
                yield v.number;
            }
            case CURRENT -> switch (u) {
                case "", "a" -> v.number;
                case "ma" -> v.number / 1000;
                default -> throw new IllegalArgumentException("current is in A, not '" + v + "'");
            };
            case CUTOFF -> 0;
        };
        return new Condition(var, op, value);
    }

    private static Duration duration(List<Token> t, int[] pos) {
        long millis = 0;
        boolean any = false;
        while (pos[0] < t.size() && t.get(pos[0]).number != null) {
            Token d = t.get(pos[0]++);
            double v = d.number;
            millis += Math.round(switch (d.unit.toLowerCase(Locale.ROOT)) {
                case "h" -> v * 3_600_000;
                case "m", "min" -> v * 60_000;
                case "s", "" -> v * 1000;
                case "ms" -> v;
                default -> throw new IllegalArgumentException("'" + d + "' is not a duration (h, m, s, ms)");
            });
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("expected a duration such as 30m, 3h or 1h30m");
        }
        if (millis < 0) {
            throw new IllegalArgumentException("a duration must not be negative");
        }
        return Duration.ofMillis(millis);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        StringBuilder b = new StringBuilder();
        long h = ms / 3_600_000;
        ms %= 3_600_000;
        long m = ms / 60_000;
        ms %= 60_000;
        long s = ms / 1000;
        ms %= 1000;
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        if (ms > 0 || b.length() == 0) {
            b.append(ms).append("ms");
        }
        return b.toString();
    }

    /** The canonical text form; {@link #parse(String)} reads it back to an equal scenario. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(steps.get(i));
        }
        return b.toString();
    }
}
