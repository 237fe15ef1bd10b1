package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

/** An event of a meter account's stream. */
public interface AccountEvent {

    MeterId meterId();
}
