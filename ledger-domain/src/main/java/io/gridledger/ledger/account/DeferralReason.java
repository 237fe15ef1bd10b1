package io.gridledger.ledger.account;

/** Why an exhausted account was not disconnected. */
public enum DeferralReason {
    /** Inside a friendly-credit period; decided again when it ends. */
    FRIENDLY_PERIOD,
    /** The customer is flagged vulnerable; never disconnected automatically. */
    VULNERABLE_CUSTOMER
}
