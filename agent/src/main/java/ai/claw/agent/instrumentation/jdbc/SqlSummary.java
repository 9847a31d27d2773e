package ai.claw.agent.instrumentation.jdbc;

import java.util.Arrays;

import static ai.claw.agent.instrumentation.jdbc.SqlLexer.END;
import static ai.claw.agent.instrumentation.jdbc.SqlLexer.WORD;

/**
 * The {@code operation} and {@code table} labels of one SQL statement, read by a hand-written
 * scan that never copies anything but a table name: literals, comments and parameters are
 * skipped whole, so no SQL text or value can reach a label.
 *
 * <ul>
 *   <li>{@code operation}: the verb ({@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE},
 *       {@code MERGE}, {@code CALL}, {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}),
 *       else {@code OTHER}. A {@code WITH} statement takes the verb of its main statement.</li>
 *   <li>{@code table}: the first table after the top-level {@code FROM} of a query (looking into a
 *       sub-query in {@code FROM}), the target of {@code INSERT INTO}/{@code UPDATE}/{@code DELETE
 *       FROM}/{@code MERGE INTO}, the table of a DDL statement (for {@code CREATE INDEX} the table it
 *       indexes), the procedure of a {@code CALL}. Without schema or quotes; unquoted names in lower
 *       case, quoted ones as written. A name that is a {@code WITH} query's is replaced by that
 *       query's table. Empty when there is none.</li>
 * </ul>
 */
final class SqlSummary {

    static final String SELECT = "SELECT";
    static final String INSERT = "INSERT";
    static final String UPDATE = "UPDATE";
    static final String DELETE = "DELETE";
    static final String MERGE = "MERGE";
    static final String CALL = "CALL";
    static final String CREATE = "CREATE";
    static final String ALTER = "ALTER";
    static final String DROP = "DROP";
    static final String TRUNCATE = "TRUNCATE";
    static final String OTHER = "OTHER";

    static final SqlSummary UNKNOWN = new SqlSummary(OTHER, "");

    /** Sub-queries looked into; deeper ones give no table. */
    private static final int MAX_NESTING = 8;
    /** A longer "name" is not a table anyone wants as a label. */
    private static final int MAX_TABLE_LENGTH = 128;

    final String operation;
    final String table;
    /** The labels of a statement of this SQL on the last system seen (nearly always the only one). */
    private volatile StatementLabels labels;

    private SqlSummary(String operation, String table) {
        this.operation = operation;
        this.table = table;
    }

    /** Never throws: SQL it cannot read is {@link #UNKNOWN}. */
    static SqlSummary parse(String sql, boolean mysql) {
        if (sql == null) {
            return UNKNOWN;
        }
        try {
            SqlLexer lx = new SqlLexer(sql, 0, sql.length(), mysql);
            lx.next();
            return statement(lx, 0);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    StatementLabels labels(String system) {
        StatementLabels l = labels;
        if (l == null || !l.system.equals(system)) {
            l = new StatementLabels(system, operation, table);
            labels = l;
        }
        return l;
    }

    @Override
    public String toString() {
        return operation + " " + table;
    }

    private static SqlSummary of(String operation, String table) {
        return new SqlSummary(operation, table.length() > MAX_TABLE_LENGTH ? "" : table);
    }

    /** The current token starts a statement. */
    private static SqlSummary statement(SqlLexer lx, int nesting) {
        while (lx.isSymbol('(')) {
            lx.next();
        }
        if (lx.isSymbol('{')) {
            return jdbcCallEscape(lx);
        }
        if (lx.type != WORD) {
            return UNKNOWN;
        }
        if (lx.is("select")) {
            return of(SELECT, selectTable(lx, nesting));
        }
        if (lx.is("with")) {
            return with(lx, nesting);
        }
        if (lx.is("insert")) {
            lx.next();
            skip(lx, "low_priority", "delayed", "high_priority", "ignore", "all", "first", "overwrite", "table");
            skip(lx, "into");
            return of(INSERT, tableName(lx));
        }
        if (lx.is("update")) {
            lx.next();
            skipTop(lx);
            skip(lx, "low_priority", "ignore", "only");
            return of(UPDATE, tableName(lx));
        }
        if (lx.is("delete")) {
            lx.next();
            skipTop(lx);
            skip(lx, "low_priority", "quick", "ignore");
            if (lx.is("from")) {
                lx.next();
                skip(lx, "only");
            }
            return of(DELETE, tableName(lx));
        }
        if (lx.is("merge")) {
            lx.next();
            skipTop(lx);
            skip(lx, "into");
            return of(MERGE, tableName(lx));
        }
        if (lx.is("call")) {
            lx.next();
            return of(CALL, tableName(lx));
        }
        if (lx.is("create")) {
            return create(lx);
        }
        if (lx.is("alter")) {
            lx.next();
            return of(ALTER, relation(lx) ? tableName(lx) : "");
        }
        if (lx.is("drop")) {
            return drop(lx);
        }
        if (lx.is("truncate")) {
            lx.next();
            skip(lx, "table", "only");
            return of(TRUNCATE, tableName(lx));
        }
        return UNKNOWN;
    }

    /** {@code {call p(?)}} and {@code {? = call f(?)}}. */
    private static SqlSummary jdbcCallEscape(SqlLexer lx) {
        lx.next();
        if (lx.isSymbol('?')) {
            lx.next();
            if (lx.isSymbol('=')) {
                lx.next();
            }
        }
        if (!lx.is("call")) {
            return UNKNOWN;
        }
        lx.next();
        return of(CALL, tableName(lx));
    }

    /** The current token is SELECT: the first table after its FROM at the same parenthesis depth. */
    private static String selectTable(SqlLexer lx, int nesting) {
        int depth = 0;
        for (int t = lx.next(); t != END; t = lx.next()) {
            if (lx.isSymbol('(')) {
                depth++;
            } else if (lx.isSymbol(')')) {
                if (--depth < 0) {
                    return "";
                }
            } else if (depth == 0) {
                if (lx.isSymbol(';')) {
                    return "";
                }
                if (lx.is("from")) {
                    lx.next();
                    return fromItem(lx, nesting);
                }
            }
        }
        return "";
    }

    /** The current token begins a FROM item: a table, a sub-query or a table function. */
    private static String fromItem(SqlLexer lx, int nesting) {
        skip(lx, "only", "lateral");
        if (lx.isSymbol('{')) {
            lx.next();
            skip(lx, "oj");
        }
        if (lx.isSymbol('(')) {
            return nestedTable(lx, nesting);
        }
        if (!lx.isName()) {
            return "";
        }
        String name = qualifiedName(lx);
        return lx.isSymbol('(') ? "" : name;
    }

    /** The current token is '(' in FROM: a sub-query's table, or the first of a parenthesised join. */
    private static String nestedTable(SqlLexer lx, int nesting) {
        int from = lx.tokenEnd();
        int to = skipParentheses(lx);
        if (nesting >= MAX_NESTING) {
            return "";
        }
        SqlLexer inner = new SqlLexer(lx.sql(), from, to, lx.mysql());
        inner.next();
        if (inner.is("select") || inner.is("with") || inner.isSymbol('(')) {
            SqlSummary s = statement(inner, nesting + 1);
            return s.operation == SELECT ? s.table : "";
        }
        return fromItem(inner, nesting + 1);
    }

    /** {@code WITH [RECURSIVE] a [(cols)] AS [NOT] [MATERIALIZED] (...), b AS (...) <main statement>}. */
    private static SqlSummary with(SqlLexer lx, int nesting) {
        lx.next();
        skip(lx, "recursive");
        String[] names = new String[4];
        String[] tables = new String[4];
        int count = 0;
        while (lx.isName()) {
            String name = lx.name();
            lx.next();
            if (lx.isSymbol('(')) {
                skipParentheses(lx);
                lx.next();
            }
            if (!lx.is("as")) {
                return UNKNOWN;
            }
            lx.next();
            skip(lx, "not");
            skip(lx, "materialized");
            if (!lx.isSymbol('(')) {
                return UNKNOWN;
            }
            int from = lx.tokenEnd();
            int to = skipParentheses(lx);
            String table = "";
            if (nesting < MAX_NESTING) {
                SqlLexer body = new SqlLexer(lx.sql(), from, to, lx.mysql());
                body.next();
                table = resolve(statement(body, nesting + 1).table, names, tables, count);
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                tables = Arrays.copyOf(tables, count * 2);
            }
            names[count] = name;
            tables[count++] = table;
            lx.next();
            if (!lx.isSymbol(',')) {
                break;
            }
            lx.next();
        }
        SqlSummary main = statement(lx, nesting);
        if (main == UNKNOWN) {
            return UNKNOWN;
        }
        return of(main.operation, resolve(main.table, names, tables, count));
    }

    /** A table named like a WITH query stands for that query's table. */
    private static String resolve(String table, String[] names, String[] tables, int count) {
        for (int i = count - 1; i >= 0; i--) {
            if (names[i].equals(table)) {
                return tables[i];
            }
        }
        return table;
    }

    private static SqlSummary create(SqlLexer lx) {
        lx.next();
        skip(lx, "or", "replace", "global", "local", "temporary", "temp", "unlogged", "unique", "clustered",
                "nonclustered", "force", "cached", "memory", "transient", "volatile", "external", "materialized");
        if (lx.is("table") || lx.is("view")) {
            lx.next();
            skipIfExists(lx);
            return of(CREATE, tableName(lx));
        }
        if (lx.is("index")) {
            lx.next();
            skip(lx, "concurrently");
            skipIfExists(lx);
            if (!lx.is("on") && lx.isName()) {
                qualifiedName(lx);
            }
            if (lx.is("on")) {
                lx.next();
                skip(lx, "only");
                return of(CREATE, tableName(lx));
            }
        }
        return of(CREATE, "");
    }

    private static SqlSummary drop(SqlLexer lx) {
        lx.next();
        if (relation(lx)) {
            return of(DROP, tableName(lx));
        }
        if (lx.is("index")) {
            lx.next();
            skip(lx, "concurrently");
            skipIfExists(lx);
            if (lx.isName()) {
                qualifiedName(lx);
                if (lx.is("on")) {
                    lx.next();
                    return of(DROP, tableName(lx));
                }
            }
        }
        return of(DROP, "");
    }

    /** After ALTER/DROP: {@code [TEMPORARY] TABLE|[MATERIALIZED] VIEW [IF EXISTS] [ONLY]}, consumed; false for other objects. */
    private static boolean relation(SqlLexer lx) {
        skip(lx, "temporary", "materialized");
        if (!lx.is("table") && !lx.is("view")) {
            return false;
        }
        lx.next();
        skipIfExists(lx);
        skip(lx, "only");
        return true;
    }

    /** {@code IF [NOT] EXISTS}. */
    private static void skipIfExists(SqlLexer lx) {
        if (lx.is("if")) {
            lx.next();
            skip(lx, "not");
            skip(lx, "exists");
        }
    }

    /** SQL Server's {@code TOP (n)} / {@code TOP n}. */
    private static void skipTop(SqlLexer lx) {
        if (lx.is("top")) {
            lx.next();
            if (lx.isSymbol('(')) {
                skipParentheses(lx);
            }
            lx.next();
            skip(lx, "percent");
        }
    }

    /** Consumes each of these words while the current token is one of them. */
    private static void skip(SqlLexer lx, String... words) {
        boolean skipped = true;
        while (skipped) {
            skipped = false;
            for (String w : words) {
                if (lx.is(w)) {
                    lx.next();
                    skipped = true;
                }
            }
        }
    }

    /** The current token should be a (qualified) table name; empty when it is not a name. */
    private static String tableName(SqlLexer lx) {
        return lx.isName() ? qualifiedName(lx) : "";
    }

    /** {@code a.b."C"} → {@code C}; leaves the token after the name current. */
    private static String qualifiedName(SqlLexer lx) {
        String name = lx.name();
        lx.next();
        while (lx.isSymbol('.')) {
            lx.next();
            if (lx.isName()) {
                name = lx.name();
                lx.next();
            }
        }
        return name;
    }

    /** The current token is '('; leaves its matching ')' current and returns where that starts. */
    private static int skipParentheses(SqlLexer lx) {
        int depth = 1;
        for (int t = lx.next(); t != END; t = lx.next()) {
            if (lx.isSymbol('(')) {
                depth++;
            } else if (lx.isSymbol(')') && --depth == 0) {
                return lx.tokenStart();
            }
        }
        return lx.tokenStart();
    }
}
