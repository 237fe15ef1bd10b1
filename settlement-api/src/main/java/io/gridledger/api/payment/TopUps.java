package io.gridledger.api.payment;

import io.gridledger.api.meter.BalanceCatchUp;
import io.gridledger.ledger.account.TopUpAccount;
import io.gridledger.ledger.account.TopUpReceipt;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Crediting a payment to an account, whichever way it arrives (the top-up API or a payment
 * provider's webhook): idempotent per payment id, and answered once the balance view shows it.
 */
@Component
public class TopUps {

    private final CommandGateway commands;
    private final BalanceCatchUp catchUp;
    private final MeterRegistry metrics;
    private final Clock clock;

    public TopUps(CommandGateway commands, BalanceCatchUp catchUp, MeterRegistry metrics, Clock clock) {
        this.commands = commands;
        this.catchUp = catchUp;
        this.metrics = metrics;
        this.clock = clock;
    }

    public TopUpReceipt credit(MeterId meterId, PaymentId paymentId, Money amount, Instant paidAt) {
        TopUpReceipt receipt = commands.sendAndWait(new TopUpAccount(meterId, paymentId, amount, paidAt, clock.instant()));
        metrics.counter("gridledger.topups", "result", receipt.repeated() ? "repeated" : "credited").increment();
        catchUp.await(meterId.value(), receipt.sequence());
        return receipt;
    }
}
