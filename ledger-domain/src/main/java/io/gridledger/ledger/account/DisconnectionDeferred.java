package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;

/**
 * Credit is exhausted but supply stays on, and this alert is raised instead. The decision is taken
 * again at {@code reviewAt} (end of the friendly period; {@code null} for a vulnerable customer).
 */
public record DisconnectionDeferred(MeterId meterId, DeferralReason reason, Money balance, Instant reviewAt,
                                    Instant at) implements AccountEvent {
}
