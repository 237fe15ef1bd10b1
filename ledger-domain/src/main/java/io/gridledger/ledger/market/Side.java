package io.gridledger.ledger.market;

/** A bid buys energy up to a maximum price; an offer sells energy at no less than a minimum price. */
public enum Side {
    BUY, SELL
}
