package ai.claw.agent.instrumentation.jdbc;

import java.util.Locale;

/**
 * Splits SQL into the tokens {@link SqlSummary} needs: words, quoted identifiers, literals
 * (skipped whole, never looked into), numbers and single-character symbols. Comments are
 * skipped: {@code --} lines, block comments (nested, as PostgreSQL allows) and, for MySQL,
 * {@code #} lines. A token is a range of the SQL string; text is only copied for table names.
 */
final class SqlLexer {

    static final int END = 0;
    static final int WORD = 1;
    static final int QUOTED = 2;
    static final int LITERAL = 3;
    static final int NUMBER = 4;
    static final int SYMBOL = 5;

    private final String sql;
    private final int limit;
    /** MySQL/MariaDB: backslash escapes in strings, {@code #} comments. */
    private final boolean mysql;
    private int pos;

    int type;
    int start;
    int stop;

    SqlLexer(String sql, int from, int to, boolean mysql) {
        this.sql = sql;
        this.pos = from;
        this.limit = to;
        this.mysql = mysql;
    }

    String sql() {
        return sql;
    }

    boolean mysql() {
        return mysql;
    }

    /** Advances to the next token and returns its type. */
    int next() {
        skipSpaceAndComments();
        start = pos;
        if (pos >= limit) {
            stop = pos;
            return type = END;
        }
        char c = sql.charAt(pos);
        if (isWordStart(c)) {
            pos++;
            while (pos < limit && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            // E'..' (PostgreSQL escape string), N'..', X'..', B'..': a prefix glued to a literal.
            if (pos < limit && sql.charAt(pos) == '\'' && pos - start <= 2) {
                boolean backslash = mysql || pos - start == 1 && (c == 'E' || c == 'e');
                pos = skipQuoted(pos, '\'', backslash);
                return finish(LITERAL);
            }
            return finish(WORD);
        }
        switch (c) {
            case '\'':
                pos = skipQuoted(pos, '\'', mysql);
                return finish(LITERAL);
            case '"':
                pos = skipQuoted(pos, '"', mysql);
                return finish(QUOTED);
            case '`':
                pos = skipQuoted(pos, '`', false);
                return finish(QUOTED);
            case '[':
                int close = sql.indexOf(']', pos + 1);
                pos = close < 0 || close >= limit ? limit : close + 1;
                return finish(QUOTED);
            case '$':
                int dollar = dollarQuoteEnd(pos);
                if (dollar > 0) {
                    pos = dollar;
                    return finish(LITERAL);
                }
                pos++;
                while (pos < limit && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
                return finish(SYMBOL);
            default:
                break;
        }
        if (c >= '0' && c <= '9') {
            pos++;
            while (pos < limit && (isWordPart(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            return finish(NUMBER);
        }
        pos++;
        return finish(SYMBOL);
    }

    private int finish(int t) {
        stop = Math.min(pos, limit);
        pos = stop;
        return type = t;
    }

    /** The current token is this keyword (case-insensitive). */
    boolean is(String keyword) {
        return type == WORD && stop - start == keyword.length() && sql.regionMatches(true, start, keyword, 0, keyword.length());
    }

    boolean isSymbol(char c) {
        return type == SYMBOL && stop - start == 1 && sql.charAt(start) == c;
    }

    boolean isName() {
        return type == WORD || type == QUOTED;
    }

    /** The current word or quoted identifier as a label: unquoted in lower case, quoted as written. */
    String name() {
        if (type == WORD) {
            return sql.substring(start, stop).toLowerCase(Locale.ROOT);
        }
        char open = sql.charAt(start);
        char close = open == '[' ? ']' : open;
        int end = stop - 1;
        if (end <= start || sql.charAt(end) != close) {
            end = stop;
        }
        String inner = sql.substring(start + 1, end);
        if (open != '[') {
            String twice = new String(new char[] {close, close});
            if (inner.contains(twice)) {
                inner = inner.replace(twice, String.valueOf(close));
            }
        }
        return inner;
    }

    /** Where the current token starts in the SQL. */
    int tokenStart() {
        return start;
    }

    /** Where the current token ends in the SQL. */
    int tokenEnd() {
        return stop;
    }

    private void skipSpaceAndComments() {
        while (pos < limit) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && pos + 1 < limit && sql.charAt(pos + 1) == '-' || c == '#' && mysql) {
                int eol = pos;
                while (eol < limit && sql.charAt(eol) != '\n' && sql.charAt(eol) != '\r') {
                    eol++;
                }
                pos = eol;
            } else if (c == '/' && pos + 1 < limit && sql.charAt(pos + 1) == '*') {
                pos = skipBlockComment(pos);
            } else {
                return;
            }
        }
    }

    /** PostgreSQL nests block comments; others stop at the first close, which a nested scan also finds. */
    private int skipBlockComment(int at) {
        int depth = 0;
        int i = at;
        while (i < limit) {
            char c = sql.charAt(i);
            if (c == '/' && i + 1 < limit && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && i + 1 < limit && sql.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0 || mysql) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return limit;
    }

    /** From an opening quote to just past its close; a doubled quote (and, if asked, a backslash) escapes. */
    private int skipQuoted(int at, char quote, boolean backslash) {
        int i = at + 1;
        while (i < limit) {
            char c = sql.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < limit && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return limit;
    }

    /** PostgreSQL {@code $$...$$} or {@code $tag$...$tag$}: the end of the literal, or -1 ({@code $1} is a parameter). */
    private int dollarQuoteEnd(int at) {
        int i = at + 1;
        if (i < limit && Character.isDigit(sql.charAt(i))) {
            return -1;
        }
        while (i < limit && sql.charAt(i) != '$') {
            char c = sql.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return -1;
            }
            i++;
        }
        if (i >= limit) {
            return -1;
        }
        String tag = sql.substring(at, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 || close + tag.length() > limit ? limit : close + tag.length();
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '@' || c == '#'
                || c > 127 && Character.isLetter(c);
    }

    private static boolean isWordPart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '#' || c == '@'
                || c > 127 && Character.isLetterOrDigit(c);
    }
}
