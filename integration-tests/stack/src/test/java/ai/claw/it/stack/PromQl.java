package ai.claw.it.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL structure to turn an alert condition into the expressions whose series it
 * compares: {@code A > 0.05 and on (job) B > 1} → {@code A}, {@code B}. Splits at the top-level
 * set operators ({@code and}, {@code or}, {@code unless}, with their {@code on}/{@code ignoring}
 * modifier), then cuts each operand at its top-level comparison (the lowest-precedence binary
 * operator left). Brackets and string literals are skipped, so {@code =~} in a selector or a
 * {@code > 0} inside {@code sum(...)} is never taken for the condition.
 */
final class PromQl {

    private PromQl() {
    }

    /** One compared expression: its text, the comparison it had ({@code > 0.05}, or empty), whether it was {@code absent(X)} (text is then X). */
    record Operand(String expr, String comparison, boolean absent) {
    }

    private static final Pattern SET_MODIFIER = Pattern.compile("^(on|ignoring)\\s*\\([^)]*\\)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOOL = Pattern.compile("^bool\\b\\s*", Pattern.CASE_INSENSITIVE);

    static List<Operand> conditionOperands(String expr) {
        List<Operand> out = new ArrayList<>();
        for (String part : splitTopLevelSetOperators(expr)) {
            String p = part.strip();
            Matcher m = SET_MODIFIER.matcher(p);
            if (m.find()) {
                p = p.substring(m.end());
            }
            int[] cmp = lastTopLevelComparison(p);
            String lhs = p;
            String comparison = "";
            if (cmp != null) {
                lhs = p.substring(0, cmp[0]).strip();
                comparison = p.substring(cmp[0]).strip().replaceAll("\\s+", " ");
            }
            String inner = unwrapCall(lhs, "absent");
            out.add(inner != null ? new Operand(inner, comparison, true) : new Operand(lhs, comparison, false));
        }
        return out;
    }

    /** The operands of top-level {@code and}/{@code or}/{@code unless}. */
    static List<String> splitTopLevelSetOperators(String expr) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && Character.isLetter(c) && (i == 0 || !isIdentChar(expr.charAt(i - 1)))) {
                int end = i;
                while (end < expr.length() && isIdentChar(expr.charAt(end))) {
                    end++;
                }
                String word = expr.substring(i, end).toLowerCase();
                if (word.equals("and") || word.equals("or") || word.equals("unless")) {
                    parts.add(expr.substring(start, i));
                    start = end;
                }
                i = end - 1;
            }
        }
        parts.add(expr.substring(start));
        return parts;
    }

    /** [start, end) of the last comparison operator outside brackets and strings (with a following {@code bool}), or null. */
    private static int[] lastTopLevelComparison(String expr) {
        int depth = 0;
        int[] last = null;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0) {
                String two = i + 1 < expr.length() ? expr.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals(">=") || two.equals("<=")) {
                    last = new int[] {i, i + 2};
                    i++;
                } else if (c == '>' || c == '<') {
                    last = new int[] {i, i + 1};
                }
            }
        }
        return last;
    }

    /** X when {@code expr} is exactly {@code name(X)}, else null. */
    private static String unwrapCall(String expr, String name) {
        String e = expr.strip();
        Matcher m = Pattern.compile("^" + name + "\\s*\\(").matcher(e);
        if (!m.find() || !e.endsWith(")")) {
            return null;
        }
        int depth = 0;
        for (int i = m.end() - 1; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(e, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i == e.length() - 1 ? e.substring(m.end(), i).strip() : null;
                }
            }
        }
        return null;
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    /** Index of the closing quote of the string literal opening at {@code i}. */
    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\' && quote != '`') {
                j++;
            } else if (c == quote) {
                return j;
            }
        }
        return s.length() - 1;
    }

    /** Grafana's regex formatting of a variable's values for {@code label=~"$var"}, escaped for a PromQL string. */
    static String regexValue(List<String> values) {
        List<String> escaped = new ArrayList<>();
        for (String v : values) {
            StringBuilder b = new StringBuilder();
            for (char c : v.toCharArray()) {
                if (c == '\\') {
                    b.append("\\\\\\\\"); // regex \\ inside a PromQL string
                    continue;
                }
                if (".+*?()|[]{}^$".indexOf(c) >= 0) {
                    b.append("\\\\"); // regex \c inside a PromQL string
                } else if (c == '"') {
                    b.append('\\');
                }
                b.append(c);
            }
            escaped.add(b.toString());
        }
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }
}
