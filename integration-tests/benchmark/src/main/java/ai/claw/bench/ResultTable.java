package ai.claw.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the driver prints, as Markdown. */
final class ResultTable {

    static final String[] HEADER = {"measurement", Variant.NONE.label, Variant.CLAW.label, "CLAW.AI vs none",
        Variant.OTEL.label, "OTel vs none", "goal (CLAW.AI)"};

    private final List<String[]> rows = new ArrayList<>();

    void add(String measurement, String none, String claw, String clawVsNone, String otel, String otelVsNone, String goal) {
        rows.add(new String[] {measurement, none, claw, clawVsNone, otel, otelVsNone, goal});
    }

    List<String> measurements() {
        List<String> names = new ArrayList<>();
        for (String[] r : rows) {
            names.add(r[0]);
        }
        return names;
    }

    String render() {
        int[] width = new int[HEADER.length];
        List<String[]> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADER, width);
        // Text columns (first and last) left-aligned, numbers right-aligned.
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            boolean text = i == 0 || i == width.length - 1;
            rule.append(text ? " :" : " ").append(repeat('-', width[i] - 1)).append(text ? " |" : ": |");
        }
        out.append(rule).append('\n');
        for (String[] r : rows) {
            line(out, r, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(repeat(' ', width[i] - cells[i].length())).append(" |");
        }
        out.append('\n');
    }

    private static String repeat(char c, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(c);
        }
        return s.toString();
    }

    static String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", value / base);
    }

    static String delta(double value, double base, int decimals, String unit) {
        if (Double.isNaN(value) || Double.isNaN(base)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+,." + decimals + "f%s", value - base, unit);
    }
}
