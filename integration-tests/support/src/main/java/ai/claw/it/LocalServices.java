package ai.claw.it;

import org.junit.jupiter.api.Assumptions;

/**
 * The servers tests talk to when no Docker engine is available: PostgreSQL, MariaDB and Redis on
 * 127.0.0.1. Outside CI a missing server skips the test with the reason; in CI (env {@code CI}
 * set) it fails, so nothing passes because a server was missing.
 */
public final class LocalServices {

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    public static final String REDIS_URI = "redis://127.0.0.1:6379";

    private LocalServices() {
    }

    public static void requirePostgres() {
        require("PostgreSQL", 5432);
    }

    public static void requireMariaDb() {
        require("MariaDB", 3306);
    }

    public static void requireRedis() {
        require("Redis", 6379);
    }

    private static void require(String name, int port) {
        if (Ports.isOpen("127.0.0.1", port)) {
            return;
        }
        String message = name + " is not reachable on 127.0.0.1:" + port + " and no Docker engine is available";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI must start it: see .ci/run)");
        }
        Assumptions.abort(message);
    }
}
