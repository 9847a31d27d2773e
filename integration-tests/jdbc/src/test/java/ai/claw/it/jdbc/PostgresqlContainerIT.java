package ai.claw.it.jdbc;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link PostgresqlIT}'s scenario against a PostgreSQL container (the major version of the local
 * server); skipped as a whole when no Docker engine is available. Its own tables and pools
 * ({@link #variant()}) keep its series apart from PostgresqlIT's in the same JVM.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresqlContainerIT extends DatabaseScenario {

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(DockerImageName.parse("postgres:15-alpine"));

    @Override
    String system() {
        return "postgresql";
    }

    @Override
    String variant() {
        return "tc";
    }

    @Override
    String url() {
        return POSTGRES.getJdbcUrl();
    }

    @Override
    String user() {
        return POSTGRES.getUsername();
    }

    @Override
    String password() {
        return POSTGRES.getPassword();
    }

    /** The extension started the container before any test, or the class was skipped. */
    @Override
    void requireServer() {
    }

    @Override
    String missingTableState() {
        return "42P01";
    }

    @Override
    String duplicateKeyState() {
        return "23505";
    }
}
