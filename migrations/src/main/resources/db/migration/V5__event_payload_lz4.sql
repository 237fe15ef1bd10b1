-- A delivery event carries ~30 KB of JSON, so PostgreSQL TOASTs and compresses it. lz4 compresses
-- and decompresses several times faster than the default pglz, which matters on both the append
-- and the processor's read path. Servers built without lz4 keep pglz.
DO $$
BEGIN
    ALTER TABLE domain_event_entry ALTER COLUMN payload SET COMPRESSION lz4;
    ALTER TABLE snapshot_event_entry ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 compression is not available on this server; event payloads stay pglz-compressed';
END
$$;
