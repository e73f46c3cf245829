-- Up Migration

-- Where a parked event stands in the global order, kept with it: resolving parked events then
-- needs no join with `events`, which is empty when the log lives in KurrentDB.
ALTER TABLE projection_parked_events ADD COLUMN transaction_id xid8;

-- Down Migration
ALTER TABLE projection_parked_events DROP COLUMN IF EXISTS transaction_id;
