-- Every money movement of an account, with its cause and the balance after it.
-- (meter_id, event_sequence, line_no) makes projection replays idempotent.
CREATE TABLE ledger_entry (
    id             BIGSERIAL      NOT NULL PRIMARY KEY,
    meter_id       VARCHAR(64)    NOT NULL,
    event_sequence BIGINT         NOT NULL,
    line_no        INTEGER        NOT NULL,
    at             TIMESTAMPTZ    NOT NULL,
    type           VARCHAR(32)    NOT NULL,
    amount         NUMERIC(19, 4) NOT NULL,
    balance_after  NUMERIC(19, 4) NOT NULL,
    currency       CHAR(3)        NOT NULL,
    cause          VARCHAR(255)   NOT NULL,
    energy_wh      BIGINT,
    CONSTRAINT ledger_entry_event_line_uq UNIQUE (meter_id, event_sequence, line_no)
);
CREATE INDEX ledger_entry_meter_at_idx ON ledger_entry (meter_id, at);
