package io.gridledger.projections;

/** Names of the event processors that feed the read models. */
public final class ProcessingGroups {

    /**
     * Balance view, ledger entries and interval consumption of meter accounts. One pooled streaming
     * processor feeds all three, so each batch is read and deserialized once and its rows and token
     * commit together.
     */
    public static final String ACCOUNT_VIEWS = "account-views";

    /**
     * The hash chain over every event, and the settlement facts and per-account settlement state,
     * in one ordered processor (a single segment, one thread).
     */
    public static final String SETTLEMENT_CHAIN = "settlement-chain";

    /**
     * Communities, members, order books, trades and certificates. A subscribing processor: the rows
     * are written in the transaction that stores the events, so an order placed is in the book the
     * next request reads (cancelling by id, the standing-order scheduler).
     */
    public static final String MARKET_VIEWS = "market-views";

    private ProcessingGroups() {
    }
}
