package io.gridledger.migrations;

import io.gridledger.migrations.testdb.FreshDatabaseSession;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    private final String url = System.getProperty(FreshDatabaseSession.URL_PROPERTY);

    @Test
    void migratesAnEmptyDatabaseWithByteaPayloadsAndBigserialGlobalIndex() throws Exception {
        Flyway flyway = Flyway.configure()
                .dataSource(url, FreshDatabaseSession.user(), FreshDatabaseSession.password())
                .load();
        assertThat(flyway.migrate().success).isTrue();

        try (Connection c = DriverManager.getConnection(url, FreshDatabaseSession.user(), FreshDatabaseSession.password())) {
            assertThat(columnType(c, "domain_event_entry", "payload")).isEqualTo("bytea");
            assertThat(columnType(c, "domain_event_entry", "meta_data")).isEqualTo("bytea");
            assertThat(columnType(c, "token_entry", "token")).isEqualTo("bytea");
            assertThat(columnType(c, "saga_entry", "serialized_saga")).isEqualTo("bytea");
            assertThat(columnDefault(c, "domain_event_entry", "global_index")).startsWith("nextval(");
            assertThat(tablesWithOidColumns(c)).isEmpty();
        }
        assertThat(flyway.migrate().migrationsExecuted).as("second run changes nothing").isZero();
    }

    private static String columnType(Connection c, String table, String column) throws Exception {
        return single(c, "SELECT data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'");
    }

    private static String columnDefault(Connection c, String table, String column) throws Exception {
        return single(c, "SELECT column_default FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'");
    }

    private static List<String> tablesWithOidColumns(Connection c) throws Exception {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_name || '.' || column_name FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND data_type = 'oid'")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    private static String single(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
