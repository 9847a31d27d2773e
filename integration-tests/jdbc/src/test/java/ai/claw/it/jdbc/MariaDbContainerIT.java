package ai.claw.it.jdbc;

import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link MariaDbIT}'s scenario against a MariaDB container (the version of the local server);
 * skipped as a whole when no Docker engine is available. Its own tables and pools
 * ({@link #variant()}) keep its series apart from MariaDbIT's in the same JVM.
 */
@Testcontainers(disabledWithoutDocker = true)
class MariaDbContainerIT extends DatabaseScenario {

    @Container
    static final MariaDBContainer<?> MARIADB = new MariaDBContainer<>(DockerImageName.parse("mariadb:10.11"));

    @Override
    String system() {
        return "mariadb";
    }

    @Override
    String variant() {
        return "tc";
    }

    @Override
    String url() {
        return MARIADB.getJdbcUrl();
    }

    @Override
    String user() {
        return MARIADB.getUsername();
    }

    @Override
    String password() {
        return MARIADB.getPassword();
    }

    /** The extension started the container before any test, or the class was skipped. */
    @Override
    void requireServer() {
    }

    @Override
    String missingTableState() {
        return "42S02";
    }

    @Override
    String duplicateKeyState() {
        return "23000";
    }
}
