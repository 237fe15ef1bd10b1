package io.gridledger.projections.consumption;

import java.util.Arrays;
import java.util.Optional;

/** Buckets of a consumption series, by ISO-8601 duration. Days are local days of the account's time zone. */
public enum Resolution {
    PT15M, PT1H, P1D;

    public static Optional<Resolution> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(value)).findFirst();
    }
}
