package io.gridledger.adapter.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON a device sends, read strictly: energy registers are whole Wh/varh (a fraction is an
 * error, not rounded), unknown fields are errors, at most {@value #MAX_READINGS} readings a delivery.
 *
 * <pre>
 * readings:     {"readings":[{"at":"2026-11-28T10:15:00Z","activeImportWh":1250,"activeExportWh":0,
 *                             "reactiveQ1Varh":…,"reactiveQ2Varh":…,"reactiveQ3Varh":…,"reactiveQ4Varh":…,
 *                             "voltageV":"230.1","currentA":"1.2","powerW":"276"}]}
 * supply state: {"state":"DISCONNECTED","at":"2026-11-28T10:15:03Z","requestId":"m-1/relay/3"}
 * events:       {"events":[{"type":"COVER_OPENED","at":"2026-11-28T10:15:03Z","detail":"optional text"}]}
 * </pre>
 */
public final class Payloads {

    public static final int MAX_READINGS = 3000;

    /** A meter's report of its relay; {@code requestId} names the request it carried out, if any. */
    public record SupplyStateReport(SupplyState state, Instant at, String requestId) {
    }

    private record ReadingsDelivery(List<RegisterReading> readings) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new ParameterNamesModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final List<String> REGISTERS = List.of("activeImportWh", "activeExportWh", "reactiveQ1Varh",
            "reactiveQ2Varh", "reactiveQ3Varh", "reactiveQ4Varh");

    private Payloads() {
    }

    public static List<RegisterReading> readings(byte[] payload) {
        JsonNode tree = tree(payload);
        JsonNode list = tree.path("readings");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidPayloadException("readings", "a delivery needs a non-empty \"readings\" array");
        }
        if (list.size() > MAX_READINGS) {
            throw new InvalidPayloadException("readings", "at most " + MAX_READINGS + " readings a delivery");
        }
        List<RegisterReading> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            if (!r.has("activeImportWh")) {
                throw new InvalidPayloadException("readings[" + i + "].activeImportWh", "is required");
            }
            for (String register : REGISTERS) {
                JsonNode v = r.get(register);
                if (v != null && !v.isNull() && !(v.isIntegralNumber() && v.canConvertToLong())) {
                    throw new InvalidPayloadException("readings[" + i + "]." + register,
                            "must be a whole number (Wh or varh)");
                }
            }
            try {
                out.add(JSON.treeToValue(r, RegisterReading.class));
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                throw new InvalidPayloadException("readings[" + i + "]", rootMessage(e));
            }
        }
        return out;
    }

    private record EventsReport(List<MeterEvent> events) {
    }

    /** Tamper and power-quality events, at most {@value #MAX_READINGS} a message. */
    public static List<MeterEvent> events(byte[] payload) {
        EventsReport report;
        try {
            report = JSON.readValue(payload, EventsReport.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidPayloadException("events", rootMessage(e));
        }
        if (report.events() == null || report.events().isEmpty()) {
            throw new InvalidPayloadException("events", "a report needs a non-empty \"events\" array");
        }
        if (report.events().size() > MAX_READINGS) {
            throw new InvalidPayloadException("events", "at most " + MAX_READINGS + " events a message");
        }
        return report.events();
    }

    public static SupplyStateReport supplyState(byte[] payload) {
        try {
            SupplyStateReport report = JSON.readValue(payload, SupplyStateReport.class);
            if (report.state() == null || report.at() == null) {
                throw new InvalidPayloadException("state", "a relay report needs \"state\" and \"at\"");
            }
            return report;
        } catch (IOException e) {
            throw new InvalidPayloadException("state", rootMessage(e));
        }
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T read(byte[] payload, Class<T> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (IOException e) {
            throw new InvalidPayloadException("payload", rootMessage(e));
        }
    }

    private static JsonNode tree(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new InvalidPayloadException("payload", "not JSON: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
