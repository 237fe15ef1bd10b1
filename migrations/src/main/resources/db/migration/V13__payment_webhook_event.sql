-- Payment providers' webhook events taken in: a provider retries a delivery until it is
-- acknowledged, and the same event id is credited once.
CREATE TABLE payment_webhook_event (
    event_id     VARCHAR(128) PRIMARY KEY,
    meter_id     VARCHAR(64)  NOT NULL,
    payment_id   VARCHAR(128) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
