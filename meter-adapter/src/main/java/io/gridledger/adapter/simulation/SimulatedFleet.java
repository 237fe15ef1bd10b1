package io.gridledger.adapter.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.ledger.account.RegisterReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import io.gridledger.adapter.ledger.AccessTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fleet of simulated prepaid meters that reports through the public HTTP API exactly like real
 * meters: deliveries of readings, relay confirmations, and customers topping up from an app.
 * Energy runs faster than real time (a tick's draw is what a household uses in about an hour) so
 * that balances visibly move, run out and get topped up.
 */
public final class SimulatedFleet implements AutoCloseable {

    static final String TIME_OF_USE_TARIFF = "sim-residential-tou";
    static final String BLOCK_TARIFF = "sim-residential-blocks";
    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final String COMMUNITY = "sim-neighbourhood";

    private final URI baseUri;
    private final int size;
    private final Duration tick;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random = new SplittableRandom(20261128L);
    private final List<SimulatedMeter> meters = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-fleet");
        t.setDaemon(true);
        return t;
    });
    /** Meters report concurrently, as a real fleet does; each write waits for its read model. */
    private final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "simulated-meter");
        t.setDaemon(true);
        return t;
    });
    /**
     * How meters report: index 1, 5, 9… as signed MQTT devices, 3, 7, 11… as P1 dongles on MQTT (both
     * when the broker is on), 2, 10, 18… as Eastron meters polled over Modbus TCP, 6, 14, 22… as
     * DLMS/COSEM meters read over TCP with security suite 0, the rest over HTTP.
     */
    private final Function<String, MqttMeterDevice> mqttDevices;
    private final Map<String, MqttMeterDevice> devices = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> p1Dongles = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, ModbusMeterSimulator> modbusMeters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, DlmsMeterSimulator> dlmsMeters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Function<String, DlmsMeterSimulator> dlmsDevices;
    private final AtomicLong readingsSent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private long ticks;

    private final AccessTokens tokens;

    public SimulatedFleet(URI baseUri, AccessTokens tokens, int size, Duration tick, Clock clock) {
        this(baseUri, tokens, size, tick, clock, null, null);
    }

    /**
     * A fleet that signs in with {@code tokens} (an operator, device and payment-provider client),
     * with MQTT devices made by {@code mqttDevices} and DLMS meters by {@code dlmsDevices} (either may be null).
     */
    public SimulatedFleet(URI baseUri, AccessTokens tokens, int size, Duration tick, Clock clock,
                          Function<String, MqttMeterDevice> mqttDevices,
                          Function<String, DlmsMeterSimulator> dlmsDevices) {
        this.tokens = tokens;
        this.mqttDevices = mqttDevices;
        this.dlmsDevices = dlmsDevices;
        if (size < 1) {
            throw new IllegalArgumentException("a fleet has at least one meter");
        }
        this.baseUri = baseUri;
        this.size = size;
        this.tick = tick;
        this.clock = clock;
    }

    public void start() {
        scheduler.execute(this::setUp);
        scheduler.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long readingsSent() {
        return readingsSent.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        devices.values().forEach(MqttMeterDevice::close);
        modbusMeters.values().forEach(ModbusMeterSimulator::close);
        dlmsMeters.values().forEach(d -> {
            try {
                d.close();
            } catch (java.io.IOException ignored) {
                // shutting down
            }
        });
    }

    private void setUp() {
        try {
            put("/api/v1/tariffs/" + TIME_OF_USE_TARIFF, timeOfUseTariff());
            put("/api/v1/tariffs/" + BLOCK_TARIFF, blockTariff());
            for (int i = 1; i <= size; i++) {
                SimulatedMeter.Kind kind = i % 10 == 0 ? SimulatedMeter.Kind.PV_PROSUMER
                        : i % 3 == 0 ? SimulatedMeter.Kind.BLOCK_CONSUMER : SimulatedMeter.Kind.TIME_OF_USE_CONSUMER;
                meters.add(new SimulatedMeter(String.format("sim-%04d", i), kind, i % 7 == 0, random));
            }
            // Accounts are opened in parallel: each write waits for the read model to show it.
            List<java.util.concurrent.Callable<Void>> openings = new ArrayList<>();
            for (int i = 0; i < meters.size(); i++) {
                SimulatedMeter meter = meters.get(i);
                int index = i + 1;
                String credit = index % 7 == 0 ? "2.0000" : String.format("%d.0000", 10 + meter.random.nextInt(40));
                openings.add(() -> {
                    open(meter, index);
                    topUp(meter, credit);
                    if (mqttDevices != null && index % 2 == 1) {
                        connectOverMqtt(meter, index % 4 == 3);
                    } else if (index % 8 == 6 && dlmsDevices != null) {
                        connectOverDlms(meter);
                    } else if (index % 4 == 2) {
                        connectOverModbus(meter, index % 16 == 2 ? "SDM630" : "SDM120");
                    }
                    report(meter, clock.instant().plusSeconds(1));
                    return null;
                });
            }
            try {
                for (java.util.concurrent.Future<Void> f : workers.invokeAll(openings)) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            joinCommunity();
            log.info("event=simulated_fleet_ready meters={} tick={} tou={} blocks={} prosumers={} mqtt={} p1={} modbus={} "
                    + "dlms={}", size, tick, count(SimulatedMeter.Kind.TIME_OF_USE_CONSUMER),
                    count(SimulatedMeter.Kind.BLOCK_CONSUMER), count(SimulatedMeter.Kind.PV_PROSUMER),
                    devices.size() - p1Dongles.size(), p1Dongles.size(), modbusMeters.size(), dlmsMeters.size());
        } catch (RuntimeException e) {
            log.error("event=simulated_fleet_setup_failed reason=\"{}\" action=\"check the server log above\"",
                    e.getMessage());
        }
    }

    /**
     * Every simulated meter trades in one community: prosumers sell all surplus at no less than 0.10,
     * every other consumer buys up to 6 kWh a day at no more than 0.25 (standing orders), so the
     * market clears and settles on the fleet's own readings.
     */
    private void joinCommunity() {
        try {
            put("/api/v1/market/communities/" + COMMUNITY, Map.of("name", "Simulated neighbourhood", "currency", "EUR",
                    "gridFeePerKwh", "0.0300", "platformFeePerKwh", "0.0050", "imbalanceChargePerKwh", "0.0500",
                    "certifyExport", true));
            for (int i = 0; i < meters.size(); i++) {
                SimulatedMeter meter = meters.get(i);
                put("/api/v1/market/communities/" + COMMUNITY + "/members/" + meter.meterId, Map.of());
                if (meter.kind == SimulatedMeter.Kind.PV_PROSUMER) {
                    put("/api/v1/market/standing-orders/" + meter.meterId,
                            Map.of("side", "SELL", "limitPricePerKwh", "0.1000"));
                } else if (i % 2 == 0) {
                    put("/api/v1/market/standing-orders/" + meter.meterId,
                            Map.of("side", "BUY", "limitPricePerKwh", "0.2500", "maxWhPerDay", 6_000));
                }
            }
        } catch (RuntimeException e) {
            log.warn("event=simulated_community_not_set_up reason=\"{}\" action=\"the fleet runs without trading\"",
                    e.getMessage());
        }
    }

    private long count(SimulatedMeter.Kind kind) {
        return meters.stream().filter(m -> m.kind == kind).count();
    }

    private void tickSafely() {
        try {
            tickOnce();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.warn("event=simulated_fleet_tick_failed reason=\"{}\"", e.getMessage());
        }
    }

    private void tickOnce() {
        ticks++;
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int hour = now.atZone(ZONE).getHour();
        List<java.util.concurrent.Callable<Void>> work = new ArrayList<>(meters.size());
        for (SimulatedMeter meter : meters) {
            work.add(() -> {
                MqttMeterDevice device = p1Dongles.contains(meter.meterId) ? null : devices.get(meter.meterId);
                if (device != null) {
                    // the relay is switched by the head-end's commands; a meter without supply draws nothing
                    meter.connected = device.relay() == io.gridledger.ledger.account.SupplyState.CONNECTED;
                }
                DlmsMeterSimulator dlms = dlmsMeters.get(meter.meterId);
                if (dlms != null) {
                    meter.connected = dlms.relayClosed();
                }
                ModbusMeterSimulator modbus = modbusMeters.get(meter.meterId);
                if (modbus != null) {
                    meter.connected = modbus.contactorClosed();
                }
                meter.advance(hour, 900);
                report(meter, now);
                readingsSent.incrementAndGet();
                JsonNode balance = get("/api/v1/meters/" + meter.meterId);
                if (balance != null) {
                    if (device == null && dlms == null && modbus == null) {
                        // HTTP and P1 meters (a P1 port is read-only)
                        actOnRelay(meter, balance, now);
                    }
                    maybeTopUp(meter, balance);
                }
                return null;
            });
        }
        try {
            workers.invokeAll(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ticks % 20 == 0) {
            log.info("event=simulated_fleet_progress ticks={} readings_sent={} failures={}", ticks, readingsSent.get(),
                    failures.get());
        }
    }

    private void actOnRelay(SimulatedMeter meter, JsonNode balance, Instant now) {
        String pending = balance.path("pendingRelayCommand").asText(null);
        if ("DISCONNECT".equals(pending)) {
            meter.connected = false;
            post("/api/v1/meters/" + meter.meterId + "/supply-confirmations",
                    Map.of("state", "DISCONNECTED", "at", now.toString()));
        } else if ("RECONNECT".equals(pending)) {
            meter.connected = true;
            post("/api/v1/meters/" + meter.meterId + "/supply-confirmations",
                    Map.of("state", "CONNECTED", "at", now.toString()));
        }
    }

    private void maybeTopUp(SimulatedMeter meter, JsonNode balance) {
        String state = balance.path("creditState").asText();
        boolean needsCredit = !"OK".equals(state);
        double chance = meter.forgetful ? 0.05 : 0.4;
        if (needsCredit && meter.random.nextDouble() < chance) {
            topUp(meter, String.format("%d.0000", 10 + meter.random.nextInt(30)));
        }
    }

    private void topUp(SimulatedMeter meter, String amount) {
        meter.topUps++;
        post("/api/v1/meters/" + meter.meterId + "/top-ups", Map.of(
                "paymentId", meter.meterId + "-pay-" + meter.topUps,
                "amount", Map.of("amount", amount, "currency", "EUR"),
                "paidAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    private void open(SimulatedMeter meter, int index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meterId", meter.meterId);
        body.put("customerId", "cust-" + meter.meterId.substring(4));
        body.put("tariffId", meter.tariffId());
        body.put("timezone", ZONE.getId());
        body.put("lowCreditThreshold", Map.of("amount", "5.0000", "currency", "EUR"));
        body.put("emergencyCreditLimit", Map.of("amount", "10.0000", "currency", "EUR"));
        body.put("autoEmergencyCredit", index % 4 == 0);
        body.put("vulnerable", index % 25 == 0);
        if (index % 2 == 0) {
            body.put("friendlyCredit", Map.of("weekly", List.of(), "holidays", List.of()));
        }
        HttpResponse<String> response = send(request("/api/v1/meters").POST(body(body)));
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("opening " + meter.meterId + " failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    private void connectOverMqtt(SimulatedMeter meter, boolean p1Dongle) {
        try {
            devices.put(meter.meterId, mqttDevices.apply(meter.meterId));
            if (p1Dongle) {
                p1Dongles.add(meter.meterId);
            }
        } catch (RuntimeException e) {
            log.warn("event=simulated_mqtt_meter_unavailable meter={} reason=\"{}\" action=\"start the MQTT broker "
                    + "(ops/services.sh); the meter reports over HTTP meanwhile\"", meter.meterId, e.getMessage());
        }
    }

    /** An Eastron meter behind a Modbus gateway with a contactor on coil 0, registered for polling once per tick. */
    private void connectOverModbus(SimulatedMeter meter, String model) {
        try {
            ModbusMeterSimulator simulator = new ModbusMeterSimulator(model, 1);
            simulator.set("activeImportWh", java.math.BigDecimal.valueOf(meter.importWh));
            simulator.set("activeExportWh", java.math.BigDecimal.valueOf(meter.exportWh));
            modbusMeters.put(meter.meterId, simulator);
            put("/api/v1/devices/" + meter.meterId + "/modbus", Map.of("host", "127.0.0.1", "port", simulator.port(),
                    "unitId", 1, "model", model, "pollInterval", tick.toString(), "relayCoil", 0));
        } catch (Exception e) {
            modbusMeters.remove(meter.meterId);
            log.warn("event=simulated_modbus_meter_unavailable meter={} reason=\"{}\" action=\"none: the meter "
                    + "reports over HTTP\"", meter.meterId, e.getMessage());
        }
    }

    /** A DLMS/COSEM meter read over TCP once per tick; the head-end switches its relay. */
    private void connectOverDlms(SimulatedMeter meter) {
        try {
            DlmsMeterSimulator simulator = dlmsDevices.apply(meter.meterId);
            simulator.registers(meter.importWh, meter.exportWh);
            dlmsMeters.put(meter.meterId, simulator);
            put("/api/v1/devices/" + meter.meterId + "/dlms", Map.of("host", "127.0.0.1", "port", simulator.port(),
                    "pollInterval", tick.toString()));
        } catch (Exception e) {
            dlmsMeters.remove(meter.meterId);
            log.warn("event=simulated_dlms_meter_unavailable meter={} reason=\"{}\" action=\"none: the meter "
                    + "reports over HTTP\"", meter.meterId, e.getMessage());
        }
    }

    private void report(SimulatedMeter meter, Instant at) {
        MqttMeterDevice device = devices.get(meter.meterId);
        ModbusMeterSimulator modbus = modbusMeters.get(meter.meterId);
        DlmsMeterSimulator dlms = dlmsMeters.get(meter.meterId);
        if (dlms != null) {
            dlms.registers(meter.importWh, meter.exportWh);
        } else if (modbus != null) {
            // the head-end polls it; the registers only move
            modbus.set("activeImportWh", java.math.BigDecimal.valueOf(meter.importWh));
            modbus.set("activeExportWh", java.math.BigDecimal.valueOf(meter.exportWh));
        } else if (device != null && p1Dongles.contains(meter.meterId)) {
            device.deliverTelegram(P1TelegramSource.telegram("SIM" + meter.meterId.substring(4), meter.nextReportTime(at),
                    meter.importWh, 0L, meter.exportWh, 0L));
        } else if (device == null) {
            post("/api/v1/meters/" + meter.meterId + "/readings", delivery(meter, at));
        } else {
            device.deliver(List.of(new RegisterReading(meter.nextReportTime(at), meter.importWh, meter.exportWh, null,
                    null, null, null, java.math.BigDecimal.valueOf(225 + meter.random.nextInt(11)), null, null)));
        }
    }

    private Map<String, Object> delivery(SimulatedMeter meter, Instant at) {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("at", meter.nextReportTime(at).toString());
        reading.put("activeImportWh", meter.importWh);
        reading.put("activeExportWh", meter.exportWh);
        reading.put("voltageV", String.valueOf(225 + meter.random.nextInt(11)));
        return Map.of("readings", List.of(reading));
    }

    private static Map<String, Object> timeOfUseTariff() {
        List<String> weekdays = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        return Map.of("currency", "EUR", "timezone", ZONE.getId(), "validFrom", "2026-01-01T00:00:00Z",
                "standingChargePerDay", "0.4500", "taxPercent", "21",
                "import", Map.of("timeOfUse", List.of(
                        Map.of("days", weekdays, "from", "07:00", "to", "23:00", "pricePerKwh", "0.3100"),
                        Map.of("days", weekdays, "from", "23:00", "to", "07:00", "pricePerKwh", "0.2200"),
                        Map.of("days", List.of("SATURDAY", "SUNDAY"), "from", "00:00", "to", "00:00",
                                "pricePerKwh", "0.2200"))),
                "export", Map.of("pricePerKwh", "0.0700"));
    }

    private static Map<String, Object> blockTariff() {
        return Map.of("currency", "EUR", "timezone", ZONE.getId(), "validFrom", "2026-01-01T00:00:00Z",
                "standingChargePerDay", "0.3000", "taxPercent", "21",
                "import", Map.of("blocks", List.of(
                        Map.of("uptoKwh", 240, "pricePerKwh", "0.4883"),
                        Map.of("uptoKwh", 400, "pricePerKwh", "0.5383"),
                        Map.of("pricePerKwh", "0.7883"))),
                "export", Map.of("pricePerKwh", "0.0700"));
    }

    private void put(String path, Object body) {
        HttpResponse<String> response = send(request(path).PUT(body(body)));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + path + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    private void post(String path, Object body) {
        HttpResponse<String> response = send(request(path).POST(body(body)));
        if (response.statusCode() >= 300) {
            failures.incrementAndGet();
            log.warn("event=simulated_request_refused path={} status={} body={}", path, response.statusCode(),
                    response.body());
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", tokens.bearer());
    }

    private HttpRequest.BodyPublisher body(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
