package ai.claw.it.jdbc;

import ai.claw.it.LocalServices;
import ai.claw.it.Scrape;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL 127.0.0.1:5432, database {@code test}, user {@code postgres} (trust auth). */
class PostgresqlIT extends DatabaseScenario {

    @Override
    String system() {
        return "postgresql";
    }

    @Override
    String url() {
        return LocalServices.POSTGRES_URL;
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    void requireServer() {
        LocalServices.requirePostgres();
    }

    @Override
    String missingTableState() {
        return "42P01";
    }

    @Override
    String duplicateKeyState() {
        return "23505";
    }

    @Test
    void quotedSchemaQualifiedNamesAndCallEscapes() throws Exception {
        try (HikariDataSource ds = new HikariDataSource(pool("claw-it-postgresql-quoted", 1));
             Connection c = ds.getConnection();
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS \"ClawItPgUsers\"");
            st.execute("CREATE TABLE \"ClawItPgUsers\" (id INT)");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM public.\"ClawItPgUsers\" -- counted\n")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            try (CallableStatement call = c.prepareCall("{? = call upper(?)}")) {
                call.registerOutParameter(1, Types.VARCHAR);
                call.setString(2, "claw");
                call.execute();
                assertEquals("CLAW", call.getString(1));
            }
            st.execute("DROP TABLE \"ClawItPgUsers\"");
        }
        Scrape scrape = Scrape.own();
        scrape.assertValue(1, DURATION_COUNT, "system", "postgresql", "operation", "SELECT", "table", "ClawItPgUsers", "outcome", "success");
        scrape.assertValue(2, DURATION_COUNT, "system", "postgresql", "operation", "DROP", "table", "ClawItPgUsers", "outcome", "success");
        scrape.assertValue(1, DURATION_COUNT, "system", "postgresql", "operation", "CALL", "table", "upper", "outcome", "success");
    }
}
