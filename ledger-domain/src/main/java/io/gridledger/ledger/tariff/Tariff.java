package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A versioned tariff. A version identical to the latest one is not added again, so a repeated PUT
 * is harmless; the currency never changes, because balances are kept in it.
 */
public class Tariff {

    @AggregateIdentifier
    private TariffId tariffId;
    private TariffVersion latest;
    private RetailerId retailerId;

    protected Tariff() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TariffVersionOutcome handle(DefineTariffVersion command) {
        if (latest != null) {
            if (!retailerId.equals(command.retailerId())) {
                throw new TariffOfAnotherRetailerException(command.tariffId());
            }
            if (latest.definition().equals(command.definition())) {
                return new TariffVersionOutcome(latest.version(), false);
            }
            if (!latest.definition().sameCurrencyAs(command.definition())) {
                throw new InvalidTariffException("currency",
                        "must stay " + latest.definition().currency() + ": balances on this tariff are kept in it");
            }
        }
        int version = latest == null ? 1 : latest.version() + 1;
        apply(new TariffVersionDefined(command.tariffId(), version, command.definition(), command.at(),
                command.retailerId()));
        return new TariffVersionOutcome(version, true);
    }

    @EventSourcingHandler
    void on(TariffVersionDefined event) {
        tariffId = event.tariffId();
        retailerId = event.retailerId();
        latest = new TariffVersion(event.version(), event.definition(), event.definedAt());
    }
}
