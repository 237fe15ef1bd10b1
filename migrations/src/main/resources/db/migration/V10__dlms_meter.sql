-- DLMS/COSEM meters the head-end reads over TCP (wrapper), with their polling schedule and the
-- head-end's invocation counter towards each: reserved in blocks before a session and never
-- handed out twice, so the meter can refuse any replayed frame, also after a restart.
CREATE TABLE dlms_meter (
    meter_id              VARCHAR(64)  PRIMARY KEY,
    host                  VARCHAR(255) NOT NULL,
    port                  INT          NOT NULL,
    poll_interval_seconds INT          NOT NULL,
    next_poll_at          TIMESTAMPTZ  NOT NULL,
    consecutive_failures  INT          NOT NULL DEFAULT 0,
    invocation_counter    BIGINT       NOT NULL DEFAULT 1,
    -- the end of the newest load-profile interval already taken in
    profile_read_through  TIMESTAMPTZ
);
CREATE INDEX dlms_meter_due_idx ON dlms_meter (next_poll_at);
