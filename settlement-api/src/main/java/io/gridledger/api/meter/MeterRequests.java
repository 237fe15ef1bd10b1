package io.gridledger.api.meter;

import io.gridledger.api.input.MoneyJson;

import java.math.BigDecimal;
import java.util.List;

/** Request bodies of the meter account endpoints, as sent on the wire. */
final class MeterRequests {

    private MeterRequests() {
    }

    record OpenAccount(String meterId, String customerId, String tariffId, String timezone,
                       MoneyJson lowCreditThreshold, MoneyJson emergencyCreditLimit, Boolean autoEmergencyCredit,
                       MoneyJson debt, String debtRecoveryPercent, Boolean vulnerable, FriendlyCredit friendlyCredit) {
    }

    record FriendlyCredit(List<Window> weekly, List<String> holidays) {
    }

    record Window(List<String> days, String from, String to) {
    }

    record Readings(List<Reading> readings) {
    }

    /** One interval: cumulative registers (Wh, varh) and instantaneous V, A, W. */
    record Reading(String at, Long activeImportWh, Long activeExportWh, Long reactiveQ1Varh, Long reactiveQ2Varh,
                   Long reactiveQ3Varh, Long reactiveQ4Varh, BigDecimal voltageV, BigDecimal currentA,
                   BigDecimal powerW) {
    }

    record TopUp(String paymentId, MoneyJson amount, String paidAt) {
    }

    record Replacement(String newSerialNumber, String replacedAt, Reading finalReading) {
    }

    record SupplyConfirmation(String state, String at) {
    }
}
