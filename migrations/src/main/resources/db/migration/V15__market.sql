-- Peer-to-peer trading: communities, members and standing orders, order books per interval,
-- trades with their settlement, and the green-certificate registry. Written by the market
-- projection in the same transaction as the events (a subscribing processor), so an order is
-- visible to the next request. Money NUMERIC(19, 4); prices per kWh NUMERIC(12, 4); energy in Wh.

CREATE TABLE trading_community (
    community_id             VARCHAR(64)    PRIMARY KEY,
    retailer_id              VARCHAR(64)    NOT NULL,
    name                     VARCHAR(120)   NOT NULL,
    currency                 CHAR(3)        NOT NULL,
    interval_minutes         INTEGER        NOT NULL,
    gate_closure_minutes     INTEGER        NOT NULL,
    grid_fee_per_kwh         NUMERIC(12, 4) NOT NULL,
    platform_fee_per_kwh     NUMERIC(12, 4) NOT NULL,
    imbalance_charge_per_kwh NUMERIC(12, 4) NOT NULL,
    certify_export           BOOLEAN        NOT NULL,
    defined_at               TIMESTAMPTZ    NOT NULL,
    updated_at               TIMESTAMPTZ    NOT NULL
);

-- One row per member (an account is in one community at a time), with its standing order if any.
CREATE TABLE community_member (
    meter_id                      VARCHAR(64)    PRIMARY KEY,
    community_id                  VARCHAR(64)    NOT NULL REFERENCES trading_community (community_id),
    joined_at                     TIMESTAMPTZ    NOT NULL,
    standing_side                 VARCHAR(4),
    standing_limit_price_per_kwh  NUMERIC(12, 4),
    standing_max_wh_per_interval  BIGINT,
    standing_max_wh_per_day       BIGINT,
    standing_set_at               TIMESTAMPTZ
);
CREATE INDEX community_member_community_idx ON community_member (community_id);

CREATE TABLE market_interval (
    community_id     VARCHAR(64)    NOT NULL,
    interval_start   TIMESTAMPTZ    NOT NULL,
    interval_end     TIMESTAMPTZ    NOT NULL,
    gate_closure_at  TIMESTAMPTZ    NOT NULL,
    currency         CHAR(3)        NOT NULL,
    status           VARCHAR(8)     NOT NULL CHECK (status IN ('OPEN', 'CLEARED', 'SETTLED')),
    clearing_price   NUMERIC(12, 4),
    volume_wh        BIGINT         NOT NULL DEFAULT 0,
    trade_count      INTEGER        NOT NULL DEFAULT 0,
    delivered_wh     BIGINT,
    unmeasured       TEXT,
    cleared_at       TIMESTAMPTZ,
    settled_at       TIMESTAMPTZ,
    PRIMARY KEY (community_id, interval_start)
);
-- the scheduler's two questions: which open books have reached their gate, which cleared ones are due
CREATE INDEX market_interval_open_gate_idx ON market_interval (gate_closure_at) WHERE status = 'OPEN';
CREATE INDEX market_interval_cleared_end_idx ON market_interval (interval_end) WHERE status = 'CLEARED';

CREATE TABLE market_order (
    community_id        VARCHAR(64)    NOT NULL,
    interval_start      TIMESTAMPTZ    NOT NULL,
    order_id            VARCHAR(64)    NOT NULL,
    meter_id            VARCHAR(64)    NOT NULL,
    side                VARCHAR(4)     NOT NULL,
    energy_wh           BIGINT         NOT NULL,
    limit_price_per_kwh NUMERIC(12, 4) NOT NULL,
    sequence_no         BIGINT         NOT NULL,
    status              VARCHAR(9)     NOT NULL CHECK (status IN ('OPEN', 'CANCELLED', 'CLEARED')),
    matched_wh          BIGINT         NOT NULL DEFAULT 0,
    placed_at           TIMESTAMPTZ    NOT NULL,
    cancelled_at        TIMESTAMPTZ,
    PRIMARY KEY (community_id, interval_start, order_id)
);
CREATE INDEX market_order_id_idx ON market_order (order_id);
CREATE INDEX market_order_meter_idx ON market_order (meter_id, interval_start);

CREATE TABLE market_trade (
    trade_id                 VARCHAR(160)   PRIMARY KEY,
    community_id             VARCHAR(64)    NOT NULL,
    interval_start           TIMESTAMPTZ    NOT NULL,
    interval_end             TIMESTAMPTZ    NOT NULL,
    currency                 CHAR(3)        NOT NULL,
    buyer_meter_id           VARCHAR(64)    NOT NULL,
    seller_meter_id          VARCHAR(64)    NOT NULL,
    buy_order_id             VARCHAR(64)    NOT NULL,
    sell_order_id            VARCHAR(64)    NOT NULL,
    price_per_kwh            NUMERIC(12, 4) NOT NULL,
    matched_wh               BIGINT         NOT NULL,
    status                   VARCHAR(8)     NOT NULL CHECK (status IN ('MATCHED', 'SETTLED')),
    delivered_wh             BIGINT,
    seller_short_wh          BIGINT,
    value                    NUMERIC(19, 4),
    grid_fee                 NUMERIC(19, 4),
    platform_fee             NUMERIC(19, 4),
    buyer_pays               NUMERIC(19, 4),
    seller_receives          NUMERIC(19, 4),
    buyer_tariff_refund      NUMERIC(19, 4),
    seller_export_reversal   NUMERIC(19, 4),
    seller_bank_withdrawn_wh BIGINT,
    imbalance_charge         NUMERIC(19, 4),
    readings_missing         BOOLEAN,
    settled_at               TIMESTAMPTZ
);
CREATE INDEX market_trade_buyer_idx ON market_trade (buyer_meter_id, interval_start);
CREATE INDEX market_trade_seller_idx ON market_trade (seller_meter_id, interval_start);
CREATE INDEX market_trade_interval_idx ON market_trade (community_id, interval_start);

-- The certificate registry: one row per certificate, ids unique, a Wh certified once.
CREATE TABLE green_certificate (
    certificate_id   VARCHAR(160)   PRIMARY KEY,
    community_id     VARCHAR(64)    NOT NULL,
    source_meter_id  VARCHAR(64)    NOT NULL,
    technology       VARCHAR(32)    NOT NULL,
    period_start     TIMESTAMPTZ    NOT NULL,
    period_end       TIMESTAMPTZ    NOT NULL,
    wh               BIGINT         NOT NULL CHECK (wh > 0),
    owner_meter_id   VARCHAR(64)    NOT NULL,
    status           VARCHAR(8)     NOT NULL CHECK (status IN ('ISSUED', 'RETIRED')),
    issued_at        TIMESTAMPTZ    NOT NULL,
    retired_at       TIMESTAMPTZ,
    trade_id         VARCHAR(160)
);
CREATE INDEX green_certificate_owner_idx ON green_certificate (owner_meter_id, period_start);
CREATE INDEX green_certificate_source_idx ON green_certificate (source_meter_id, period_start);
CREATE INDEX green_certificate_period_idx ON green_certificate (community_id, period_start);

-- What the tariff did with each measured span, so trades can take it back pro rata.
ALTER TABLE interval_consumption ADD COLUMN export_credit NUMERIC(19, 4);
ALTER TABLE interval_consumption ADD COLUMN bank_deposit_wh BIGINT;
