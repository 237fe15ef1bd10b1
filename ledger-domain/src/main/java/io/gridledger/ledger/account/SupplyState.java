package io.gridledger.ledger.account;

/** The state of the meter's supply relay as last confirmed by the meter. */
public enum SupplyState {
    CONNECTED, DISCONNECTED
}
