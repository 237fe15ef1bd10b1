package io.gridledger.migrations.testdb;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Gives every test JVM its own empty database on the real PostgreSQL server and drops it when the
 * tests end, so that test runs never see each other's data. The application under test finds it
 * through the {@code GRIDLEDGER_DB_URL} system property and migrates it with Flyway.
 *
 * <p>Server: {@code GRIDLEDGER_TEST_DB_SERVER} (default {@code jdbc:postgresql://localhost:5432/}),
 * user and password from {@code GRIDLEDGER_DB_USER} / {@code GRIDLEDGER_DB_PASSWORD}.
 */
public class FreshDatabaseSession implements LauncherSessionListener {

    public static final String URL_PROPERTY = "GRIDLEDGER_DB_URL";
    public static final String MQTT_PREFIX_PROPERTY = "GRIDLEDGER_MQTT_TOPIC_PREFIX";

    private String database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        database = "gridledger_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + database);
        System.setProperty(URL_PROPERTY, server() + database);
        // the MQTT broker is shared too: each test JVM gets topics (and a client id) of its own
        System.setProperty(MQTT_PREFIX_PROPERTY, database);
    }

    /**
     * Spring test contexts stay open until the JVM's shutdown hook closes them; dropping the database
     * under them makes every processor and connection pool wait for connections on the way out. So
     * the database is dropped at JVM exit, once Spring's shutdown hook has closed the contexts.
     */
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            String name = database;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitSpringShutdown();
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }, "fresh-database-drop"));
            database = null;
        }
    }

    public static String server() {
        String server = env("GRIDLEDGER_TEST_DB_SERVER", "jdbc:postgresql://localhost:5432/");
        return server.endsWith("/") ? server : server + "/";
    }

    public static String user() {
        return env("GRIDLEDGER_DB_USER", "postgres");
    }

    public static String password() {
        return env("GRIDLEDGER_DB_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /*
     * Runs inside a JVM shutdown hook, where shutdown hooks start in no defined order: polls briefly
     * (20 ms steps, 1 s at most) for Spring's hook thread to appear, then joins it. A plain sleep is
     * justified here: there is no condition to wait on but the appearance of another thread, and no
     * test assertion depends on it (the database is dropped either way).
     */
    private static void awaitSpringShutdown() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("SpringApplicationShutdownHook")) {
                    try {
                        t.join(20_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void execute(String sql) {
        Properties credentials = new Properties();
        credentials.setProperty("user", user());
        credentials.setProperty("password", password());
        // the driver itself, not DriverManager: a surefire run that selects no test may open the
        // session on a class loader DriverManager does not accept the driver from
        try (Connection c = new org.postgresql.Driver().connect(server() + "postgres", credentials);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need the PostgreSQL server at " + server()
                    + " (start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start): "
                    + e.getMessage(), e);
        }
    }
}
