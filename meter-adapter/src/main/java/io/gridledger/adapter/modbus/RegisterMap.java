package io.gridledger.adapter.modbus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A meter model's register map, declared in {@code modbus/<model>.json} on the class path (SDM630,
 * SDM120). Only the fields of a reading can be mapped; energy registers are required.
 */
public record RegisterMap(String model, String description, List<RegisterPoint> points) {

    static final Set<String> FIELDS = Set.of("activeImportWh", "activeExportWh", "reactiveQ1Varh", "reactiveQ2Varh",
            "reactiveQ3Varh", "reactiveQ4Varh", "voltageV", "currentA", "powerW");

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new ParameterNamesModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public RegisterMap {
        points = List.copyOf(points);
        for (RegisterPoint p : points) {
            if (!FIELDS.contains(p.field())) {
                throw new IllegalArgumentException(model + ": unknown reading field " + p.field());
            }
        }
        if (points.stream().noneMatch(p -> p.field().equals("activeImportWh"))) {
            throw new IllegalArgumentException(model + ": a register map needs activeImportWh");
        }
    }

    public static RegisterMap of(String model) {
        String resource = "/modbus/" + model.toLowerCase(Locale.ROOT) + ".json";
        try (InputStream in = RegisterMap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no register map for meter model " + model
                        + " (known: SDM630, SDM120)");
            }
            return JSON.readValue(in, RegisterMap.class);
        } catch (IOException e) {
            throw new IllegalStateException("register map " + resource + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The span of registers of {@code table} that covers every point: first address and count. */
    public int[] span(RegisterPoint.Table table) {
        int first = Integer.MAX_VALUE;
        int end = -1;
        for (RegisterPoint p : points) {
            if (p.table() == table) {
                first = Math.min(first, p.address());
                end = Math.max(end, p.address() + p.type().words());
            }
        }
        return end < 0 ? new int[] {0, 0} : new int[] {first, end - first};
    }
}
