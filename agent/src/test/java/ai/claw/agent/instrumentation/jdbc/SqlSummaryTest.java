package ai.claw.agent.instrumentation.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Real-world statements (ORMs, migrations, hand-written SQL) and the labels they get. */
class SqlSummaryTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                // plain DML
                arguments("SELECT * FROM users WHERE id = ?", "SELECT", "users"),
                arguments("select id, name from Users where email = 'x@y.z'", "SELECT", "users"),
                arguments("SELECT u.id, o.total FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total > 10", "SELECT", "users"),
                arguments("SELECT a.x, b.y FROM alpha a, beta b WHERE a.id = b.id", "SELECT", "alpha"),
                arguments("INSERT INTO orders (id, user_id, total) VALUES (?, ?, ?)", "INSERT", "orders"),
                arguments("insert into orders values (1, 2, 'from secret')", "INSERT", "orders"),
                arguments("UPDATE orders SET total = total + 1 WHERE id = ?", "UPDATE", "orders"),
                arguments("DELETE FROM orders WHERE id = ?", "DELETE", "orders"),
                // comments, hints, whitespace
                arguments("-- load the user\nSELECT * FROM users", "SELECT", "users"),
                arguments("/* hibernate */ select u1_0.id from app_user u1_0 where u1_0.id=?", "SELECT", "app_user"),
                arguments("/* outer /* nested */ still comment */ DELETE FROM t1", "DELETE", "t1"),
                arguments("SELECT /*+ INDEX(e emp_idx) */ * FROM employees e", "SELECT", "employees"),
                arguments("  \n\t SELECT 1 FROM dual", "SELECT", "dual"),
                // schema-qualified and quoted names
                arguments("SELECT * FROM public.\"Users\" WHERE id = $1", "SELECT", "Users"),
                arguments("SELECT * FROM \"public\".\"Order Items\"", "SELECT", "Order Items"),
                arguments("SELECT * FROM `shop`.`Order` WHERE id = 1", "SELECT", "Order"),
                arguments("SELECT * FROM [dbo].[Customers] WITH (NOLOCK)", "SELECT", "Customers"),
                arguments("SELECT * FROM \"weird\"\"name\"", "SELECT", "weird\"name"),
                arguments("UPDATE app.Accounts SET balance = 0", "UPDATE", "accounts"),
                arguments("SELECT * FROM db..legacy", "SELECT", "legacy"),
                // sub-queries and expressions containing FROM
                arguments("SELECT EXTRACT(YEAR FROM created_at) AS y, count(*) FROM events GROUP BY 1", "SELECT", "events"),
                arguments("SELECT (SELECT max(id) FROM audit) AS last, name FROM accounts", "SELECT", "accounts"),
                arguments("SELECT count(*) FROM (SELECT DISTINCT user_id FROM sessions) s", "SELECT", "sessions"),
                arguments("SELECT * FROM orders WHERE user_id IN (SELECT id FROM users WHERE banned)", "SELECT", "orders"),
                arguments("(SELECT id FROM a) UNION ALL (SELECT id FROM b)", "SELECT", "a"),
                arguments("SELECT 1 UNION SELECT id FROM late_table", "SELECT", "late_table"),
                arguments("SELECT TRIM(BOTH ' ' FROM name) FROM people", "SELECT", "people"),
                arguments("SELECT * FROM generate_series(1, 10)", "SELECT", ""),
                arguments("SELECT now()", "SELECT", ""),
                arguments("SELECT nextval('order_seq')", "SELECT", ""),
                arguments("SELECT * FROM ONLY parent_table", "SELECT", "parent_table"),
                arguments("SELECT * FROM (a JOIN b ON a.id = b.a_id)", "SELECT", "a"),
                arguments("SELECT * FROM {oj t1 LEFT OUTER JOIN t2 ON t1.id = t2.id}", "SELECT", "t1"),
                arguments("SELECT id FROM jobs WHERE state = 'ready' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", "SELECT", "jobs"),
                // CTEs
                arguments("WITH recent AS (SELECT * FROM orders WHERE created > ?) SELECT r.id FROM customers c JOIN recent r ON r.cid = c.id",
                        "SELECT", "customers"),
                arguments("WITH recent AS (SELECT * FROM orders WHERE created > ?) SELECT * FROM recent", "SELECT", "orders"),
                arguments("WITH RECURSIVE tree(id, parent) AS (SELECT id, parent FROM nodes WHERE parent IS NULL "
                        + "UNION ALL SELECT n.id, n.parent FROM nodes n JOIN tree t ON n.parent = t.id) SELECT * FROM tree", "SELECT", "nodes"),
                arguments("WITH a AS (SELECT 1), b AS MATERIALIZED (SELECT * FROM items) SELECT * FROM b", "SELECT", "items"),
                arguments("WITH moved AS (DELETE FROM inbox WHERE done RETURNING *) INSERT INTO archive SELECT * FROM moved", "INSERT", "archive"),
                arguments("with upd as (update stock set qty = qty - 1 where id = ? returning id) select count(*) from upd", "SELECT", "stock"),
                // INSERT variants
                arguments("INSERT INTO users (email) VALUES (?) RETURNING id", "INSERT", "users"),
                arguments("INSERT INTO counters (k, v) VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET v = counters.v + 1", "INSERT", "counters"),
                arguments("INSERT INTO kv (k, v) VALUES ('a', 'b') ON DUPLICATE KEY UPDATE v = VALUES(v)", "INSERT", "kv"),
                arguments("INSERT IGNORE INTO tags (name) VALUES ('x')", "INSERT", "tags"),
                arguments("insert into archive select * from orders where created < now()", "INSERT", "archive"),
                arguments("INSERT ALL INTO t1 (a) VALUES (1) INTO t2 (b) VALUES (2) SELECT * FROM dual", "INSERT", "t1"),
                // UPDATE / DELETE variants
                arguments("UPDATE ONLY accounts SET x = 1", "UPDATE", "accounts"),
                arguments("UPDATE LOW_PRIORITY IGNORE items SET x = 1", "UPDATE", "items"),
                arguments("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.x = t2.x", "UPDATE", "t1"),
                arguments("UPDATE TOP (10) queue SET taken = 1", "UPDATE", "queue"),
                arguments("DELETE FROM ONLY logs WHERE ts < ?", "DELETE", "logs"),
                arguments("DELETE t1 FROM t1 INNER JOIN t2 ON t1.id = t2.id", "DELETE", "t1"),
                arguments("DELETE FROM sessions USING users WHERE sessions.uid = users.id", "DELETE", "sessions"),
                // MERGE and CALL
                arguments("MERGE INTO target t USING source s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v", "MERGE", "target"),
                arguments("MERGE INTO cache KEY(id) VALUES (?, ?)", "MERGE", "cache"),
                arguments("CALL refresh_stats(?)", "CALL", "refresh_stats"),
                arguments("{call reporting.monthly_totals(?, ?)}", "CALL", "monthly_totals"),
                arguments("{ ? = call upper(?) }", "CALL", "upper"),
                // DDL
                arguments("CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank INT NOT NULL)", "CREATE", "flyway_schema_history"),
                arguments("CREATE TEMPORARY TABLE tmp_ids (id BIGINT)", "CREATE", "tmp_ids"),
                arguments("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON public.users (email)", "CREATE", "users"),
                arguments("CREATE INDEX ON events (ts)", "CREATE", "events"),
                arguments("CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active", "CREATE", "active_users"),
                arguments("CREATE SEQUENCE order_seq START 1", "CREATE", ""),
                arguments("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 FROM secret_table $$ LANGUAGE sql", "CREATE", ""),
                arguments("ALTER TABLE IF EXISTS ONLY orders ADD COLUMN note text", "ALTER", "orders"),
                arguments("ALTER SESSION SET TIME_ZONE = 'UTC'", "ALTER", ""),
                arguments("DROP TABLE IF EXISTS \"Temp\", other CASCADE", "DROP", "Temp"),
                arguments("DROP INDEX idx_name ON accounts", "DROP", "accounts"),
                arguments("DROP INDEX IF EXISTS idx_name", "DROP", ""),
                arguments("TRUNCATE TABLE audit_log", "TRUNCATE", "audit_log"),
                arguments("truncate only events restart identity", "TRUNCATE", "events"),
                // everything else
                arguments("BEGIN", "OTHER", ""),
                arguments("SET search_path TO app", "OTHER", ""),
                arguments("EXPLAIN ANALYZE SELECT * FROM users", "OTHER", ""),
                arguments("VALUES (1), (2)", "OTHER", ""),
                arguments("SHOW TABLES", "OTHER", ""),
                arguments("REPLACE INTO kv VALUES (1, 2)", "OTHER", ""),
                arguments("", "OTHER", ""),
                arguments("   ", "OTHER", ""),
                arguments("-- only a comment", "OTHER", ""),
                arguments("'just a literal'", "OTHER", ""),
                arguments("SELECT * FROM", "SELECT", ""),
                arguments("SELECT * FROM (SELECT * FROM (SELECT", "SELECT", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("statements")
    void labels(String sql, String operation, String table) {
        SqlSummary summary = SqlSummary.parse(sql, false);
        assertEquals(operation + " " + table, summary.operation + " " + summary.table);
    }

    @Test
    void literalsNeverBecomeTables() {
        String[] tricky = {
            "SELECT 'x FROM secret' AS a FROM real_table",
            "SELECT $$ FROM secret $$ FROM real_table",
            "SELECT $tag$ it's FROM secret $tag$ FROM real_table",
            "SELECT E'it\\'s FROM secret' FROM real_table",
            "SELECT 'it''s FROM secret' FROM real_table",
            "SELECT \"col\" -- FROM secret\n FROM real_table",
            "SELECT a /* FROM secret */ FROM real_table",
        };
        for (String sql : tricky) {
            SqlSummary s = SqlSummary.parse(sql, false);
            assertEquals("SELECT real_table", s.operation + " " + s.table, sql);
        }
    }

    @Test
    void mysqlBackslashEscapesAndHashComments() {
        SqlSummary s = SqlSummary.parse("SELECT 'it\\' FROM secret' FROM real_table", true);
        assertEquals("SELECT real_table", s.operation + " " + s.table);
        s = SqlSummary.parse("# a comment\nSELECT \"a\\\" FROM secret\" FROM real_table", true);
        assertEquals("SELECT real_table", s.operation + " " + s.table);
        // Standard SQL: a backslash is an ordinary character, the literal ends at the second quote.
        s = SqlSummary.parse("SELECT * FROM real_table WHERE path = 'C:\\'", false);
        assertEquals("SELECT real_table", s.operation + " " + s.table);
    }

    @Test
    void unreadableSqlIsOther() {
        assertSame(SqlSummary.UNKNOWN, SqlSummary.parse(null, false));
        assertSame(SqlSummary.UNKNOWN, SqlSummary.parse("WITH x AS SELECT", false));
        assertSame(SqlSummary.UNKNOWN, SqlSummary.parse("{fn now()}", false));
    }

    @Test
    void overlongNamesAreDropped() {
        String name = "t".repeat(200);
        assertEquals("", SqlSummary.parse("SELECT * FROM " + name, false).table);
    }

    @Test
    void deepNestingStopsLookingIn() {
        String sql = "SELECT * FROM " + "(SELECT * FROM ".repeat(50) + "deep" + ")".repeat(50);
        SqlSummary s = SqlSummary.parse(sql, false);
        assertEquals("SELECT", s.operation);
        assertEquals("", s.table);
    }

    @Test
    void labelsAreSharedPerSystem() {
        SqlSummary s = SqlSummary.parse("SELECT * FROM t", false);
        assertSame(s.labels("postgresql"), s.labels("postgresql"));
        assertEquals("h2", s.labels("h2").system);
    }

    @Test
    void cacheIsBounded() {
        SqlSummaryCache cache = new SqlSummaryCache(false, 100);
        for (int i = 0; i < 1000; i++) {
            cache.get("SELECT * FROM t WHERE id = " + i);
        }
        assertTrue(cache.size() <= 100, "size " + cache.size());
        SqlSummaryCache byChars = new SqlSummaryCache(false, SqlSummaryCache.MAX_ENTRIES);
        String padding = " ".repeat(4000);
        for (int i = 0; i < 1000; i++) {
            byChars.get("SELECT * FROM t" + padding + "WHERE id = " + i);
        }
        assertTrue(byChars.size() <= SqlSummaryCache.MAX_CHARS / 4000, "size " + byChars.size());
        String big = "SELECT * FROM t WHERE id IN (" + "1,".repeat(3000) + "1)";
        assertEquals("t", cache.get(big).table);
        SqlSummary again = cache.get("SELECT * FROM t WHERE id = 999");
        assertSame(again, cache.get("SELECT * FROM t WHERE id = 999"));
    }
}
