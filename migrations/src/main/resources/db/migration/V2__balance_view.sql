-- One row per meter account: what the app and the operator see at once.
CREATE TABLE balance_view (
    meter_id                 VARCHAR(64)    NOT NULL PRIMARY KEY,
    customer_id              VARCHAR(64)    NOT NULL,
    tariff_id                VARCHAR(64)    NOT NULL,
    timezone                 VARCHAR(64)    NOT NULL,
    currency                 CHAR(3)        NOT NULL,
    opened_at                TIMESTAMPTZ    NOT NULL,
    balance                  NUMERIC(19, 4) NOT NULL,
    debt                     NUMERIC(19, 4) NOT NULL,
    low_credit_threshold     NUMERIC(19, 4) NOT NULL,
    emergency_credit_limit   NUMERIC(19, 4) NOT NULL,
    emergency_credit_active  BOOLEAN        NOT NULL DEFAULT FALSE,
    credit_state             VARCHAR(16)    NOT NULL,
    supply                   VARCHAR(16)    NOT NULL,
    pending_relay_command    VARCHAR(16),
    pending_relay_request_id VARCHAR(128),
    relay_next_attempt_at    TIMESTAMPTZ,
    relay_expires_at         TIMESTAMPTZ,
    deferral_reason          VARCHAR(32),
    deferral_review_at       TIMESTAMPTZ,
    standing_charged_through DATE           NOT NULL,
    last_reading_at          TIMESTAMPTZ,
    active_import_wh         BIGINT,
    active_export_wh         BIGINT,
    reactive_q1_varh         BIGINT,
    reactive_q2_varh         BIGINT,
    reactive_q3_varh         BIGINT,
    reactive_q4_varh         BIGINT,
    readings_rejected        BIGINT         NOT NULL DEFAULT 0,
    last_event_sequence      BIGINT         NOT NULL,
    updated_at               TIMESTAMPTZ    NOT NULL
);

-- The scheduler looks for accounts with something due (relay retry/expiry, end of a friendly period).
CREATE INDEX balance_view_relay_due_idx ON balance_view (relay_next_attempt_at) WHERE pending_relay_command IS NOT NULL;
CREATE INDEX balance_view_deferral_due_idx ON balance_view (deferral_review_at) WHERE deferral_review_at IS NOT NULL;
