package io.gridledger.adapter.simulation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A P1-to-TCP dongle: listens on a local port and, to whoever connects, writes the meter's current
 * telegram every {@code period}, as a P1 port streams them.
 */
public final class P1TcpDongle implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private volatile Supplier<String> telegram;

    public P1TcpDongle(Supplier<String> telegram, Duration period) throws IOException {
        this.telegram = telegram;
        this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> serve(period), "p1-dongle-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What the port sends from now on (e.g. a damaged telegram). */
    public void sending(Supplier<String> telegram) {
        this.telegram = telegram;
    }

    private void serve(Duration period) {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                while (!server.isClosed()) {
                    out.write(telegram.get().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(period.toMillis());
                }
            } catch (IOException e) {
                // the head-end went away or the dongle closes: wait for the next connection
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
