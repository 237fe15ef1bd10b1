package io.gridledger.ledger.account;

/** Which side of a peer-to-peer trade an account settles. */
public enum TradeRole { BUYER, SELLER }
