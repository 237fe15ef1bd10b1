package io.gridledger.adapter.inbox;

/** What a stored message asks of the ledger. */
public enum InboxKind {
    /** a readings delivery: JSON {@code {"readings":[…]}} as the HTTP API takes it */
    READINGS,
    /** a relay read-back: JSON {@code {"state":"CONNECTED|DISCONNECTED","at":…}} */
    SUPPLY_STATE,
    /** tamper and power-quality events: JSON {@code {"events":[{"type":"COVER_OPENED","at":…,"detail":…}]}} */
    EVENTS
}
