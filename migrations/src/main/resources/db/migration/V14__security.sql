-- Every account belongs to one retailer; access checks read it here with the customer it serves.
ALTER TABLE balance_view ADD COLUMN retailer_id VARCHAR(64) NOT NULL DEFAULT 'gridledger-retailer';
CREATE INDEX balance_view_retailer_idx ON balance_view (retailer_id);

-- Personal data lives here, never in events: events name a customer only by its pseudonymous id.
-- An erasure empties the personal fields for good and keeps the row as proof that it happened.
CREATE TABLE customer_profile (
    customer_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    retailer_id  VARCHAR(64)  NOT NULL,
    name         VARCHAR(200),
    address      VARCHAR(500),
    phone        VARCHAR(40),
    email        VARCHAR(254),
    updated_at   TIMESTAMPTZ  NOT NULL,
    erased_at    TIMESTAMPTZ,
    CONSTRAINT customer_profile_erased_is_empty CHECK (
        erased_at IS NULL OR (name IS NULL AND address IS NULL AND phone IS NULL AND email IS NULL))
);

-- Who did what, when and why: every privileged action, refused ones included. Append-only.
CREATE TABLE audit_entry (
    id           BIGSERIAL    PRIMARY KEY,
    at           TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(128) NOT NULL,
    roles        VARCHAR(128) NOT NULL,
    retailer_id  VARCHAR(64),
    action       VARCHAR(64)  NOT NULL,
    target       VARCHAR(200) NOT NULL,
    reason       VARCHAR(500),
    outcome      VARCHAR(16)  NOT NULL
);
CREATE INDEX audit_entry_retailer_at_idx ON audit_entry (retailer_id, at);

CREATE RULE audit_entry_no_update AS ON UPDATE TO audit_entry DO INSTEAD NOTHING;
CREATE RULE audit_entry_no_delete AS ON DELETE TO audit_entry DO INSTEAD NOTHING;
