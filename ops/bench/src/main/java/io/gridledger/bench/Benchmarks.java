package io.gridledger.bench;

import java.util.Arrays;

/** {@code ingest} (default): readings through the command path; {@code close}: closing a period for a fleet. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("close")) {
            PeriodCloseBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("ingest")) {
            IngestionBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            IngestionBenchmark.main(args);
        }
    }
}
