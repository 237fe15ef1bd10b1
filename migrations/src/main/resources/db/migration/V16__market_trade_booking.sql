-- When each side of a settled trade was booked on its account (TradeSettled), so the market
-- scheduler books what is left after a crash, and nothing twice.
ALTER TABLE market_trade ADD COLUMN buyer_booked_at TIMESTAMPTZ;
ALTER TABLE market_trade ADD COLUMN seller_booked_at TIMESTAMPTZ;
CREATE INDEX market_trade_unbooked_idx ON market_trade (settled_at)
    WHERE status = 'SETTLED' AND (buyer_booked_at IS NULL OR seller_booked_at IS NULL);
