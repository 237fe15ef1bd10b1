-- Meters the head-end polls over Modbus TCP (RS485 gateways), with their polling schedule.
CREATE TABLE modbus_meter (
    meter_id              VARCHAR(64) PRIMARY KEY,
    host                  VARCHAR(255) NOT NULL,
    port                  INT          NOT NULL,
    unit_id               INT          NOT NULL,
    model                 VARCHAR(32)  NOT NULL,
    poll_interval_seconds INT          NOT NULL,
    next_poll_at          TIMESTAMPTZ  NOT NULL,
    consecutive_failures  INT          NOT NULL DEFAULT 0
);
CREATE INDEX modbus_meter_due_idx ON modbus_meter (next_poll_at);
