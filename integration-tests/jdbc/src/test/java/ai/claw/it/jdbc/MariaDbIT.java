package ai.claw.it.jdbc;

import ai.claw.it.LocalServices;

/** MariaDB 127.0.0.1:3306, database {@code test}, user {@code root} with an empty password. */
class MariaDbIT extends DatabaseScenario {

    @Override
    String system() {
        return "mariadb";
    }

    @Override
    String url() {
        return LocalServices.MARIADB_URL;
    }

    @Override
    String user() {
        return "root";
    }

    @Override
    void requireServer() {
        LocalServices.requireMariaDb();
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
