package io.gridledger.projections.settlement;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A settlement run as issued: R1 for the first, R2, R3… when late data changed a figure, each with
 * what changed from the previous run. {@code chain} names the events it covers (chain positions and
 * global indexes) and the hash chain's root after the last of them; {@code digest} seals the
 * document (see {@link CanonicalJson}).
 */
public record SettlementRunDocument(String retailer, String period, String run, int revision, String issuedAt,
                                    Chain chain, SettlementFigures figures, List<Change> changes, String digest) {

    public record Chain(long fromChainSeq, long toChainSeq, long fromGlobalIndex, long toGlobalIndex,
                        String lastEventAt, String root) {
    }

    /** One figure that differs from the previous run; {@code previous} is null in R1's absence of one. */
    public record Change(String figure, String previous, String current) {
    }

    /** The figures that differ between two runs, by path (e.g. {@code energy.importWh}). */
    public static List<Change> changes(SettlementFigures previous, SettlementFigures current) {
        if (previous == null) {
            return List.of();
        }
        Map<String, String> before = flatten(CanonicalJson.tree(previous));
        Map<String, String> after = flatten(CanonicalJson.tree(current));
        List<Change> changes = new ArrayList<>();
        for (String path : new TreeSet<>(union(before, after))) {
            if (!Objects.equals(before.get(path), after.get(path))) {
                changes.add(new Change(path, before.get(path), after.get(path)));
            }
        }
        return changes;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                flatten(path.isEmpty() ? name : path + "." + name, node.get(name), out);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String key = item.has("label")
                        ? item.path("tariffId").asText() + " v" + item.path("tariffVersion").asText() + " "
                        + item.path("label").asText()
                        : String.valueOf(out.size());
                flatten(path + "[" + key + "]", item, out);
            }
        } else {
            out.put(path, node.asText());
        }
    }
}
