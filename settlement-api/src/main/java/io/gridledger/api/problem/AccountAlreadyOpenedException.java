package io.gridledger.api.problem;

/** POST /meters for a meter that already has an account. */
public class AccountAlreadyOpenedException extends RuntimeException {

    public AccountAlreadyOpenedException(String meterId) {
        super("meter '" + meterId + "' already has an account");
    }
}
