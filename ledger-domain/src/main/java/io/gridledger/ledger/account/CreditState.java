package io.gridledger.ledger.account;

import io.gridledger.ledger.value.Money;

/**
 * Where a prepaid balance stands. {@code OK}: balance ≥ low-credit threshold. {@code LOW}:
 * 0 ≤ balance &lt; threshold. {@code EMERGENCY}: below zero, covered by active emergency credit.
 * {@code EXHAUSTED}: below what is allowed (no emergency credit, or beyond its limit).
 */
public enum CreditState {
    OK, LOW, EMERGENCY, EXHAUSTED;

    /** The state of {@code balance} given the account's threshold and emergency credit. */
    public static CreditState of(Money balance, Money lowCreditThreshold, boolean emergencyCreditActive,
                                 Money emergencyCreditLimit) {
        if (!balance.isLessThan(lowCreditThreshold)) {
            return OK;
        }
        if (!balance.isNegative()) {
            return LOW;
        }
        boolean covered = emergencyCreditActive && !balance.isLessThan(emergencyCreditLimit.negate());
        return covered ? EMERGENCY : EXHAUSTED;
    }
}
