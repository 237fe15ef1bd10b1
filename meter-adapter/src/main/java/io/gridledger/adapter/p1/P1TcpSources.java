package io.gridledger.adapter.p1;

import io.gridledger.adapter.device.MissedReads;
import io.gridledger.adapter.device.PolledDevices;
import io.gridledger.adapter.device.Protocol;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * P1 ports reached over TCP ({@code p1_source}): one reader per meter keeps a socket to the dongle,
 * cuts the stream into telegrams ({@code /} … {@code !CRC}), and stores one whose CRC holds as a
 * reading every {@code gridledger.adapter.p1.sample-interval} (15 min; a P1 port sends every second
 * or ten, the ledger needs interval readings). The P1 port has no authentication of its own: the head-end opens the connection on the
 * installation's private network, and the CRC guards the bytes. A lost connection is counted and
 * reopened (every 10 s).
 */
@Component
public class P1TcpSources implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(P1TcpSources.class);
    private static final int MAX_TELEGRAM = 8_192;

    private record Source(String meterId, String host, int port) {
    }

    private final JdbcTemplate jdbc;
    private final MissedReads missedReads;
    private final PolledDevices polled;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Thread> readers = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastStored = new ConcurrentHashMap<>();
    /** Meters whose last telegram was refused: logged once per run of bad telegrams, counted always. */
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final Duration sampleInterval;
    private volatile boolean running = true;

    public P1TcpSources(JdbcTemplate jdbc, MissedReads missedReads, PolledDevices polled, MeterRegistry metrics,
                        Clock clock, @Value("${gridledger.adapter.p1.sample-interval:15m}") Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
        this.jdbc = jdbc;
        this.missedReads = missedReads;
        this.polled = polled;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Registers or moves a P1 source; its reader starts within a second. True when new. */
    public boolean register(String meterId, String host, int port) {
        Integer created = jdbc.queryForObject("""
                INSERT INTO p1_source (meter_id, host, port) VALUES (?, ?, ?)
                ON CONFLICT (meter_id) DO UPDATE SET host = excluded.host, port = excluded.port
                RETURNING (xmax = 0)::int""", Integer.class, meterId, host, port);
        Thread old = readers.remove(meterId);
        if (old != null) {
            old.interrupt();
        }
        startReader(new Source(meterId, host, port));
        return created != null && created == 1;
    }

    /** Starts a reader for every registered source that has none (after a restart, or one that ended). */
    @Scheduled(fixedDelayString = "${gridledger.adapter.p1.tick:1s}")
    public void startReaders() {
        List<Source> sources = jdbc.query("SELECT meter_id, host, port FROM p1_source",
                (rs, n) -> new Source(rs.getString(1), rs.getString(2), rs.getInt(3)));
        sources.forEach(this::startReader);
    }

    /** The thread is in the map before it starts: a reader runs only while it is the meter's reader. */
    private void startReader(Source s) {
        Thread t = new Thread(() -> {
            try {
                read(s);
            } finally {
                readers.remove(s.meterId(), Thread.currentThread());
            }
        }, "p1-tcp-" + s.meterId());
        t.setDaemon(true);
        if (readers.putIfAbsent(s.meterId(), t) == null) {
            t.start();
        }
    }

    private void read(Source s) {
        int misses = 0;
        while (running && readers.get(s.meterId()) == Thread.currentThread()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(s.host(), s.port()), 5_000);
                socket.setSoTimeout(60_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                misses = 0;
                StringBuilder telegram = null;
                String line;
                while (running && (line = in.readLine()) != null) {
                    if (line.startsWith("/")) {
                        telegram = new StringBuilder();
                    }
                    if (telegram == null) {
                        continue;
                    }
                    telegram.append(line).append("\r\n");
                    if (telegram.length() > MAX_TELEGRAM) {
                        telegram = null;
                    } else if (line.startsWith("!")) {
                        store(s.meterId(), telegram.toString());
                        telegram = null;
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                missedReads.missed(Protocol.P1, s.meterId(), s.host() + ":" + s.port(), Duration.ofSeconds(10), misses++,
                        e, clock.instant());
            }
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void store(String meterId, String text) {
        P1Telegram telegram;
        try {
            telegram = P1TelegramParser.parse(text);
        } catch (InvalidTelegramException e) {
            metrics.counter("gridledger.adapter.messages", "protocol", "P1", "outcome", "malformed").increment();
            if (failing.put(meterId, Boolean.TRUE) != null) {
                return;
            }
            log.warn("event=device_message_refused meter={} protocol=P1 outcome=MALFORMED reason=\"{}\" action=\"check "
                    + "the P1 cable and dongle\"", meterId, e.getMessage());
            return;
        }
        failing.remove(meterId);
        Instant now = clock.instant();
        Instant last = lastStored.get(meterId);
        if (last != null && now.isBefore(last.plus(sampleInterval))) {
            return;
        }
        lastStored.put(meterId, now);
        polled.readings(meterId, Protocol.P1, List.of(telegram.toReading()), now, () -> { });
    }

    @Override
    public void destroy() {
        running = false;
        readers.values().forEach(Thread::interrupt);
    }
}
