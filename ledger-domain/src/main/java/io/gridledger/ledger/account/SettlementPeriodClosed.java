package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A settlement period of the account closed; nothing is booked in it afterwards (later data is
 * booked in the next period as an adjustment). Closing settled what is settled per period, at the
 * tariff version in force at the period's end ({@code tariffVersion}, {@code null} if none):
 * <ul>
 *   <li>reactive: of {@code inductiveVarh} drawn with {@code importWh}, {@code freeVarh} were free
 *       and {@code chargedVarh} cost {@code reactiveCharge};</li>
 *   <li>net metering: of the {@code bankWh} left, {@code bankPaidOutWh} earned {@code bankPayout}
 *       and {@code bankCarriedWh} went to the next period.</li>
 * </ul>
 * The balance moved by {@code bankPayout − reactiveCharge} to {@code balanceAfter}. {@code early}
 * says an operator closed it before its grace time ran out.
 */
public record SettlementPeriodClosed(MeterId meterId, YearMonth period, Integer tariffVersion, long importWh,
                                     long inductiveVarh, long freeVarh, long chargedVarh, Money reactiveCharge,
                                     long bankWh, long bankPaidOutWh, Money bankPayout, long bankCarriedWh,
                                     Money balanceAfter, boolean early, Instant at) implements AccountEvent {
}
