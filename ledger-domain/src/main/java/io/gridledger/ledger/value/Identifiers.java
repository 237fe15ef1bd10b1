package io.gridledger.ledger.value;

import java.util.regex.Pattern;

/** The one rule for external identifiers (meter, customer, tariff, payment ids). */
final class Identifiers {

    static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private Identifiers() {
    }

    static String check(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " may contain only letters, digits and . _ : - (and must start with a letter or digit)");
        }
        return value;
    }
}
