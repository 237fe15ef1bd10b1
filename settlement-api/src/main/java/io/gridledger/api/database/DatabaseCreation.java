package io.gridledger.api.database;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the configured database when the server has none of that name, before anything connects
 * to it; Flyway then migrates it. Runs for the application and for every Spring test.
 */
public class DatabaseCreation implements EnvironmentPostProcessor {

    private static final Pattern POSTGRES_URL =
            Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z_][A-Za-z0-9_]*)(\\?.*)?$");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return;
        }
        Matcher m = POSTGRES_URL.matcher(url);
        if (!m.matches()) {
            return;
        }
        String database = m.group(2);
        String serverUrl = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        String user = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        try (Connection c = DriverManager.getConnection(serverUrl, user, password)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            c.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another instance
            }
            throw new IllegalStateException("Cannot reach PostgreSQL at " + m.group(1) + " as '" + user
                    + "' to check database '" + database + "'. Start PostgreSQL or set GRIDLEDGER_DB_URL, "
                    + "GRIDLEDGER_DB_USER and GRIDLEDGER_DB_PASSWORD: " + e.getMessage(), e);
        }
    }
}
