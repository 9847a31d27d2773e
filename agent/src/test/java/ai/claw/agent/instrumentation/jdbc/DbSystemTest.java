package ai.claw.agent.instrumentation.jdbc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DbSystemTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "jdbc:postgresql://127.0.0.1:5432/test, postgresql",
        "jdbc:pgsql://h/db, postgresql",
        "jdbc:mariadb://127.0.0.1:3306/test, mariadb",
        "jdbc:mysql://db:3306/app?useSSL=false, mysql",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1, h2",
        "jdbc:oracle:thin:@//db:1521/ORCL, oracle",
        "jdbc:sqlserver://db:1433;databaseName=app, sqlserver",
        "jdbc:jtds:sqlserver://db/app, sqlserver",
        "jdbc:db2://db:50000/app, db2",
        "jdbc:derby:memory:app;create=true, derby",
        "jdbc:hsqldb:mem:app, hsqldb",
        "jdbc:sqlite:/tmp/app.db, sqlite",
        "JDBC:PostgreSQL://h/db, postgresql",
        "jdbc:tc:postgresql:16:///app, postgresql",
        "jdbc:p6spy:mysql://db/app, mysql",
        "jdbc:otel:h2:mem:x, h2",
        "jdbc:somethingnew://x, other",
        "postgresql://not-jdbc, other",
        "NULL, other",
    })
    void systemFromUrl(String url, String system) {
        assertEquals(system, DbSystem.fromUrl(url));
    }
}
