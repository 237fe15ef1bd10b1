package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Credits a payment. {@code paymentId} is unique per meter: repeating the same payment changes
 * nothing; {@code paidAt} is the payer's timestamp ({@code null} if not given), {@code at} when it
 * was received.
 */
public record TopUpAccount(@TargetAggregateIdentifier MeterId meterId, PaymentId paymentId, Money amount,
                           Instant paidAt, Instant at) {
}
