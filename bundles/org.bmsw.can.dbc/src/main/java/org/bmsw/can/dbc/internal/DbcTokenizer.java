package org.bmsw.can.dbc.internal;

import java.util.ArrayList;
import java.util.List;

import org.bmsw.can.dbc.DbcFormatException;

/** Splits DBC text into identifiers, numbers, strings and punctuation, each with its line and column. */
final class DbcTokenizer {

    enum Kind { IDENT, NUMBER, STRING, PUNCT, END }

    /** One token; {@code text} of a string is its content without quotes; only strings may end on a later line. */
    record Token(Kind kind, String text, int line, int column, int endLine) {
        Token(Kind kind, String text, int line, int column) {
            this(kind, text, line, column, line);
        }

        boolean is(String punctOrKeyword) {
            return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrKeyword);
        }

        String shown() {
            return switch (kind) {
                case END -> "the end of the file";
                case STRING -> "the string \"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private static final String PUNCTUATION = ":;|@()[],+-";

    private DbcTokenizer() {
    }

    /**
     * A quote left open pairs every later quote wrongly, so the string that finally runs to the end of the file is
     * rarely the culprit: blame the first string outside a comment that runs over several lines, if any.
     */
    private static DbcFormatException unclosed(String source, List<Token> tokens, int line, int column) {
        for (int t = 0; t < tokens.size(); t++) {
            Token token = tokens.get(t);
            boolean comment = false;
            for (int back = 1; back <= 4 && t - back >= 0; back++) {
                comment |= tokens.get(t - back).is("CM_"); // CM_ [SG_ id name] "text"
            }
            if (token.kind() == Kind.STRING && token.endLine() != token.line() && !comment) {
                return new DbcFormatException(source, token.line(), token.column(), "the string \""
                        + token.text().lines().findFirst().orElse("") + "\" is not closed on its line (missing '\"')");
            }
        }
        return new DbcFormatException(source, line, column, "string is not closed (missing '\"')");
    }

    static List<Token> tokenize(String source, String text) throws DbcFormatException {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1;
            lineStart = 1;
        }
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i - lineStart + 1;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                StringBuilder content = new StringBuilder();
                int startLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw unclosed(source, tokens, startLine, column);
                    }
                    char s = text.charAt(i);
                    if (s == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        content.append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (s == '"') {
                        i++;
                        break;
                    }
                    if (s == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    content.append(s);
                    i++;
                }
                tokens.add(new Token(Kind.STRING, content.toString(), startLine, column, line));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, text.substring(start, i), line, column));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n
                    && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '.'))) {
                int start = i;
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    boolean exponentSign = (d == '-' || d == '+') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E');
                    if (Character.isLetterOrDigit(d) || d == '.' || exponentSign) {
                        i++;
                    } else {
                        break;
                    }
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line, column));
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), line, column));
                i++;
            } else {
                throw new DbcFormatException(source, line, column, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", line, i - lineStart + 1));
        return tokens;
    }
}
