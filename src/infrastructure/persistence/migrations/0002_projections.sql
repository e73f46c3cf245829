-- Up Migration

-- One row per projection: where it is in the global order (the xid8 watermark pair) and
-- how it is doing. Written in the same transaction as the read-model rows it covers.
CREATE TABLE projection_checkpoints (
  name                text PRIMARY KEY,
  version             integer NOT NULL CHECK (version >= 1),
  transaction_id      xid8 NOT NULL DEFAULT '0'::xid8,
  position            bigint NOT NULL DEFAULT 0,
  state               text NOT NULL DEFAULT 'starting'
                      CHECK (state IN ('starting', 'catching_up', 'live', 'retrying', 'parked', 'rebuilding', 'stopped')),
  last_error          text,
  table_name          text NOT NULL,
  -- Set by an operator (API or CLI, any process); the lease holder retries its parked event.
  resume_requested_at timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Events a projection could not apply after its retries. The projection stops at the first
-- one (it never skips); resolved_at is set when a resumed attempt finally applies it.
CREATE TABLE projection_parked_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  projection      text NOT NULL REFERENCES projection_checkpoints (name) ON DELETE CASCADE,
  global_position bigint NOT NULL,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  error           text NOT NULL,
  attempts        integer NOT NULL CHECK (attempts >= 1),
  parked_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz
);

-- At most one open parked event per projection: it stops there.
CREATE UNIQUE INDEX projection_parked_events_open_idx
  ON projection_parked_events (projection) WHERE resolved_at IS NULL;

-- A rebuild in progress: its shadow table and how far it got, visible to every process.
-- A row left by a process that died is cleared (and its table dropped) by the next rebuild.
CREATE TABLE projection_rebuilds (
  projection     text PRIMARY KEY,
  table_name     text NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT '0'::xid8,
  position       bigint NOT NULL DEFAULT 0,
  processed      bigint NOT NULL DEFAULT 0,
  total          bigint NOT NULL DEFAULT 0,
  started_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
-- The read-model tables the runner created: they are rebuilt from the events anyway.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'rm\_%' LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I', r.tablename);
  END LOOP;
END
$$;
DROP TABLE IF EXISTS projection_rebuilds;
DROP TABLE IF EXISTS projection_parked_events;
DROP TABLE IF EXISTS projection_checkpoints;
