package ai.claw.agent.instrumentation.jdbc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code system} label: the database product named by a JDBC URL's sub-protocol. */
final class DbSystem {

    static final String OTHER = "other";

    /** Sub-protocols that wrap another URL ({@code jdbc:p6spy:postgresql:...}). */
    private static final String[] WRAPPERS = {"tc:", "p6spy:", "log4jdbc:", "otel:", "jdbcdslog:", "aws-wrapper:"};

    private static final Map<String, String> BY_SUBPROTOCOL = new HashMap<>();

    static {
        name("postgresql", "postgresql", "pgsql");
        name("mariadb", "mariadb");
        name("mysql", "mysql");
        name("h2", "h2");
        name("oracle", "oracle");
        name("sqlserver", "sqlserver", "jtds");
        name("db2", "db2", "as400");
        name("derby", "derby");
        name("hsqldb", "hsqldb");
        name("sqlite", "sqlite");
        name("clickhouse", "clickhouse", "ch");
        name("snowflake", "snowflake");
        name("redshift", "redshift");
        name("firebird", "firebirdsql", "firebird");
        name("informix", "informix-sqli");
        name("hana", "sap");
        name("cockroachdb", "cockroachdb");
        name("duckdb", "duckdb");
        name("trino", "trino", "presto");
        name("teradata", "teradata");
        name("vertica", "vertica");
    }

    private DbSystem() {
    }

    private static void name(String system, String... subprotocols) {
        for (String s : subprotocols) {
            BY_SUBPROTOCOL.put(s, system);
        }
    }

    /** {@code jdbc:postgresql://h/db} → {@code postgresql}; null or unknown → {@code other}. */
    static String fromUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return OTHER;
        }
        String rest = url.substring(5).toLowerCase(Locale.ROOT);
        boolean unwrapped = true;
        while (unwrapped) {
            unwrapped = false;
            for (String w : WRAPPERS) {
                if (rest.startsWith(w)) {
                    rest = rest.substring(w.length());
                    unwrapped = true;
                }
            }
        }
        int colon = rest.indexOf(':');
        String system = BY_SUBPROTOCOL.get(colon < 0 ? rest : rest.substring(0, colon));
        return system != null ? system : OTHER;
    }

    /** MySQL and MariaDB treat a backslash in a string literal as an escape. */
    static boolean backslashEscapes(String system) {
        return "mysql".equals(system) || "mariadb".equals(system);
    }
}
