package ai.claw.it.jdbc;

/** In-memory H2, kept open for the whole JVM. */
class H2IT extends DatabaseScenario {

    @Override
    String system() {
        return "h2";
    }

    @Override
    String url() {
        return "jdbc:h2:mem:claw_it;DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    void requireServer() {
    }

    @Override
    String missingTableState() {
        return "42S02";
    }

    @Override
    String duplicateKeyState() {
        return "23505";
    }
}
