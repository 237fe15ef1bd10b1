package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;

import java.time.Instant;

/** An order entered the interval's book; its {@code sequence} is its place in time priority. */
public record OrderPlaced(CommunityId communityId, Instant intervalStart, Order order, Instant at) {
}
