-- Settlement runs read these pre-aggregated tables, never raw readings. One ordered processor
-- (settlement-chain) writes all of them in the same transaction as its token, so the facts, the
-- per-meter state and the hash chain always describe exactly the same events.

-- What each account event means for settlement, summed per period, kind, label and tariff version.
-- (meter_id, event_sequence, fact_no) makes replays idempotent.
CREATE TABLE settlement_fact (
    meter_id       VARCHAR(64)    NOT NULL,
    event_sequence BIGINT         NOT NULL,
    fact_no        INTEGER        NOT NULL,
    period         CHAR(7)        NOT NULL,
    kind           VARCHAR(32)    NOT NULL,
    label          VARCHAR(128)   NOT NULL,
    tariff_id      VARCHAR(64)    NOT NULL,
    tariff_version INTEGER        NOT NULL,
    amount         NUMERIC(19, 4) NOT NULL,
    quantity       BIGINT         NOT NULL,
    currency       CHAR(3)        NOT NULL,
    PRIMARY KEY (meter_id, event_sequence, fact_no)
);
CREATE INDEX settlement_fact_period_idx ON settlement_fact (period, kind);

-- Each account as of the chain head: what outstanding debt, emergency credit and disconnections need.
CREATE TABLE settlement_meter (
    meter_id               VARCHAR(64)    NOT NULL PRIMARY KEY,
    timezone               VARCHAR(64)    NOT NULL,
    tariff_id              VARCHAR(64)    NOT NULL,
    currency               CHAR(3)        NOT NULL,
    balance                NUMERIC(19, 4) NOT NULL,
    debt                   NUMERIC(19, 4) NOT NULL,
    emergency_credit_limit NUMERIC(19, 4) NOT NULL,
    emergency_credit_active BOOLEAN       NOT NULL,
    disconnected_since     TIMESTAMPTZ,
    last_event_sequence    BIGINT         NOT NULL
);

-- Every event, hash-chained in the order the chain processor saw it (global index order, except
-- that an event committed late behind a gap comes when it is seen).
CREATE TABLE event_chain (
    chain_seq     BIGINT      NOT NULL PRIMARY KEY,
    global_index  BIGINT      NOT NULL UNIQUE,
    hash          CHAR(64)    NOT NULL,
    time_stamp    TIMESTAMPTZ NOT NULL
);

-- Numbered settlement runs per period: R1, then a revision whenever late data changes a figure.
CREATE TABLE settlement_run (
    period      CHAR(7)     NOT NULL,
    revision    INTEGER     NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    chain_from  BIGINT      NOT NULL,
    chain_to    BIGINT      NOT NULL,
    chain_root  CHAR(64)    NOT NULL,
    digest      CHAR(64)    NOT NULL,
    document    TEXT        NOT NULL,
    PRIMARY KEY (period, revision)
);
