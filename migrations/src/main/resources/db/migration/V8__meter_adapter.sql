-- The meter adapter (head-end): devices, store-and-forward inbox, relay commands handed to meters.

-- One row per meter that has reported through a protocol: how to reach it, the highest message
-- counter it has authenticated with (a replayed or older message is refused), and its status.
CREATE TABLE meter_device (
    meter_id              VARCHAR(64) PRIMARY KEY,
    protocol              VARCHAR(16) NOT NULL,
    last_counter          BIGINT      NOT NULL DEFAULT -1,
    first_seen_at         TIMESTAMPTZ NOT NULL,
    last_seen_at          TIMESTAMPTZ NOT NULL,
    clock_drift_ms        BIGINT,
    communication_errors  BIGINT      NOT NULL DEFAULT 0,
    last_error            VARCHAR(500)
);

-- Store and forward: an authenticated message is stored here before the broker is acknowledged,
-- then forwarded to the ledger in order per meter; delivered rows are kept for a while for audit.
CREATE TABLE adapter_inbox (
    id            BIGSERIAL   PRIMARY KEY,
    meter_id      VARCHAR(64) NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    payload       BYTEA       NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    attempts      INT         NOT NULL DEFAULT 0,
    delivered_at  TIMESTAMPTZ,
    outcome       VARCHAR(500)
);
CREATE INDEX adapter_inbox_pending_idx ON adapter_inbox (id) WHERE delivered_at IS NULL;

-- Relay commands for meters: one row per ledger request and attempt (the outbox), sent once.
CREATE TABLE relay_dispatch (
    request_id   VARCHAR(128) NOT NULL,
    attempt      INT          NOT NULL,
    meter_id     VARCHAR(64)  NOT NULL,
    command      VARCHAR(16)  NOT NULL,
    protocol     VARCHAR(16)  NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    sent_at      TIMESTAMPTZ,
    PRIMARY KEY (request_id, attempt)
);
CREATE INDEX relay_dispatch_unsent_idx ON relay_dispatch (requested_at) WHERE sent_at IS NULL;
