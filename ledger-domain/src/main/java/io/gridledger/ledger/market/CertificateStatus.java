package io.gridledger.ledger.market;

/** Where a green certificate stands: with its producer, or claimed by a consumer's consumption for good. */
public enum CertificateStatus {
    /** Issued to the producing meter, which holds it. */
    ISSUED,
    /** Transferred to a buyer and cancelled against the buyer's consumption in the same interval: it can never be claimed again. */
    RETIRED
}
