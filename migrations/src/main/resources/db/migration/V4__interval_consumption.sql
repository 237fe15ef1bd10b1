-- Import/export energy per measured interval (start, end]. Rows arrive roughly in time order, so a
-- BRIN index on interval_end serves fleet-wide time ranges over months of data at a tiny size;
-- the primary key serves one meter's series and makes replays idempotent.
CREATE TABLE interval_consumption (
    meter_id       VARCHAR(64)    NOT NULL,
    interval_start TIMESTAMPTZ    NOT NULL,
    interval_end   TIMESTAMPTZ    NOT NULL,
    import_wh      BIGINT         NOT NULL,
    export_wh      BIGINT         NOT NULL,
    charged        NUMERIC(19, 4) NOT NULL,
    tariff_version INTEGER        NOT NULL,
    PRIMARY KEY (meter_id, interval_end)
);
CREATE INDEX interval_consumption_end_brin ON interval_consumption USING BRIN (interval_end);
