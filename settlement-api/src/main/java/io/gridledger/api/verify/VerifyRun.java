package io.gridledger.api.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code verify-run <run.json> <events.ndjson>}: checks a settlement run against the exported
 * events, offline. Exit 0 when verified, 1 when not, 2 on wrong usage.
 */
public final class VerifyRun {

    private VerifyRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: verify-run <run.json> <events.ndjson>  (from GET /api/v1/settlement/periods/"
                    + "{period}/runs/{run} and …/runs/{run}/events)");
            System.exit(2);
        }
        String report = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        RunVerifier.Result result;
        try (BufferedReader export = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            result = RunVerifier.verify(report, export);
        }
        if (result.verified()) {
            System.out.println("VERIFIED: " + result.events() + " events rebuild chain root " + result.root()
                    + " and every figure of the run");
            System.exit(0);
        }
        System.out.println("NOT VERIFIED (" + result.problems().size() + " problem(s)):");
        result.problems().forEach(p -> System.out.println("  - " + p));
        System.exit(1);
    }
}
