package io.gridledger.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ingest} (default): readings through the command path; {@code close}: closing a period for a
 * fleet; {@code clear}: clearing a market interval (no database); {@code market-day}: settling a day of a
 * trading community.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("close")) {
            PeriodCloseBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("market-day")) {
            MarketDayBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("clear")) {
            MarketClearingBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("ingest")) {
            IngestionBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            IngestionBenchmark.main(args);
        }
    }

    /** {@code --name=value} arguments ({@code --flag} alone means {@code true}). */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                String[] kv = a.substring(2).split("=", 2);
                opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
            }
        }
        return opts;
    }
}
