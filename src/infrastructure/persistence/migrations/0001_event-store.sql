-- Up Migration

-- One row per stream: the current version and the head of its hash chain. Appends lock
-- only their own rows, so writers to different streams never wait on each other.
CREATE TABLE streams (
  stream_id   text PRIMARY KEY,
  stream_type text,
  version     bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  head_hash   bytea NOT NULL DEFAULT decode(repeat('00', 32), 'hex'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text NOT NULL,
  stream_version  bigint NOT NULL CHECK (stream_version >= 1),
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  schema_version  integer NOT NULL CHECK (schema_version >= 1),
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL,
  prev_hash       bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
  hash            bytea NOT NULL CHECK (octet_length(hash) = 32),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
);

-- The global read order: (writing transaction, position), read below the snapshot xmin.
CREATE INDEX events_global_order_idx ON events (transaction_id, global_position);

-- Command ids (Idempotency-Key), stored in the same transaction as the events they caused.
CREATE TABLE commands (
  command_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  result      jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Per data subject AES-256 keys, wrapped by the master key. Destroying one erases
-- every personal field encrypted under it (crypto-shredding); hashes stay valid.
CREATE TABLE subject_keys (
  subject_id       text PRIMARY KEY,
  wrapped_key      bytea,
  created_at       timestamptz NOT NULL DEFAULT now(),
  destroyed_at     timestamptz,
  destroyed_reason text,
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- Events are never changed in place. A superuser can still bypass this, which is why
-- every event is also in a hash chain and, later, under signed Merkle checkpoints.
CREATE FUNCTION es_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'EV004';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION es_forbid_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change();

-- Locks the named streams in id order, creating empty rows (version 0) for missing ones,
-- and returns their heads. Used inside a transaction before es_append.
CREATE FUNCTION es_lock_streams(p_stream_ids text[])
RETURNS TABLE (stream_id text, stream_type text, version bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_id text;
BEGIN
  FOR v_id IN SELECT DISTINCT u.id FROM unnest(p_stream_ids) AS u(id) ORDER BY u.id LOOP
    PERFORM 1 FROM streams s WHERE s.stream_id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO streams (stream_id) VALUES (v_id) ON CONFLICT ON CONSTRAINT streams_pkey DO NOTHING;
      PERFORM 1 FROM streams s WHERE s.stream_id = v_id FOR UPDATE;
    END IF;
  END LOOP;
  RETURN QUERY SELECT s.stream_id, s.stream_type, s.version FROM streams s WHERE s.stream_id = ANY(p_stream_ids);
END
$$;

-- Appends to one or more streams in one statement.
--   p_streams: [{ "id", "type", "expected": n | "any" | "no_stream" | "exists" }]
--   p_events:  [{ "s": stream index, "id", "type", "sv", "data", "meta", "at", "pre", "suf" }]
--              where pre || version || suf are the RFC 8785 canonical bytes of the event.
--   p_command: null | { "id", "fp", "result" }
-- Raises EV001 (wrong expected version), EV002 (command id reused with another payload),
-- EV003 (event ids reused for another append). On any raise nothing is written.
CREATE FUNCTION es_append(p_streams jsonb, p_events jsonb, p_command jsonb DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_n        int := jsonb_array_length(p_streams);
  v_ids      text[] := ARRAY(SELECT x->>'id' FROM jsonb_array_elements(p_streams) AS t(x));
  v_versions bigint[] := array_fill(0::bigint, ARRAY[v_n]);
  v_heads    bytea[] := array_fill(NULL::bytea, ARRAY[v_n]);
  v_first    bigint[];
  v_event_versions bigint[] := '{}';
  v_prevs    bytea[] := '{}';
  v_hashes   bytea[] := '{}';
  v_row      record;
  v_version  bigint;
  v_head     bytea;
  v_i        int;
  v_s        int;
  v_expected text;
  v_existing int;
  v_result   jsonb;
BEGIN
  IF p_command IS NOT NULL THEN
    INSERT INTO commands (command_id, fingerprint) VALUES (p_command->>'id', p_command->>'fp')
      ON CONFLICT (command_id) DO NOTHING;
    IF NOT FOUND THEN
      SELECT c.fingerprint, c.result INTO v_row FROM commands c WHERE c.command_id = p_command->>'id';
      IF v_row.fingerprint IS DISTINCT FROM p_command->>'fp' THEN
        RAISE EXCEPTION 'command % was already run with another payload', p_command->>'id'
          USING ERRCODE = 'EV002', DETAIL = jsonb_build_object('commandId', p_command->>'id')::text;
      END IF;
      RETURN jsonb_build_object('status', 'command_repeated', 'result', v_row.result);
    END IF;
  END IF;

  -- Lock every stream row in id order so that multi-stream appends cannot deadlock.
  FOR v_row IN SELECT u.id, u.ord FROM unnest(v_ids) WITH ORDINALITY AS u(id, ord) ORDER BY u.id LOOP
    SELECT s.version, s.head_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = v_row.id FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO streams (stream_id, stream_type) VALUES (v_row.id, p_streams->(v_row.ord::int - 1)->>'type')
        ON CONFLICT ON CONSTRAINT streams_pkey DO NOTHING;
      SELECT s.version, s.head_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = v_row.id FOR UPDATE;
    END IF;
    v_versions[v_row.ord] := v_version;
    v_heads[v_row.ord] := v_head;
  END LOOP;

  -- The same event ids again: answer what the first append answered, or refuse.
  SELECT count(*) INTO v_existing FROM events e
    WHERE e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) AS t(x));
  IF v_existing > 0 THEN
    v_first := array_fill(NULL::bigint, ARRAY[v_n]);
    FOR v_row IN
      SELECT (x->>'s')::int + 1 AS s, e.stream_id, e.stream_version, t.ord
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, ord)
        LEFT JOIN events e ON e.event_id = (t.x->>'id')::uuid
        ORDER BY t.ord
    LOOP
      IF v_row.stream_id IS DISTINCT FROM v_ids[v_row.s]
         OR (v_first[v_row.s] IS NOT NULL AND v_row.stream_version <> v_versions[v_row.s] + 1) THEN
        RAISE EXCEPTION 'event ids already used by another append'
          USING ERRCODE = 'EV003', DETAIL = jsonb_build_object('streamId', v_ids[v_row.s])::text;
      END IF;
      IF v_first[v_row.s] IS NULL THEN v_first[v_row.s] := v_row.stream_version; END IF;
      v_versions[v_row.s] := v_row.stream_version;
    END LOOP;
    FOR v_i IN 1..v_n LOOP
      v_expected := p_streams->(v_i - 1)->>'expected';
      IF v_first[v_i] IS NOT NULL AND NOT (
           v_expected = 'any'
        OR (v_expected = 'no_stream' AND v_first[v_i] = 1)
        OR (v_expected = 'exists' AND v_first[v_i] > 1)
        OR (v_expected ~ '^[0-9]+$' AND v_first[v_i] = v_expected::bigint + 1)) THEN
        RAISE EXCEPTION 'event ids already appended with another expected version'
          USING ERRCODE = 'EV003', DETAIL = jsonb_build_object('streamId', v_ids[v_i])::text;
      END IF;
    END LOOP;
    SELECT jsonb_build_object('status', 'duplicate', 'streams', jsonb_agg(jsonb_build_object(
             'streamId', u.id,
             'nextVersion', (SELECT max(e.stream_version) FROM events e WHERE e.stream_id = u.id
                               AND e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) AS t(x))),
             'positions', COALESCE((SELECT jsonb_agg(e.global_position ORDER BY e.stream_version) FROM events e
                               WHERE e.stream_id = u.id
                               AND e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) AS t(x))), '[]'::jsonb))
             ORDER BY u.ord))
      INTO v_result FROM unnest(v_ids) WITH ORDINALITY AS u(id, ord);
    RETURN v_result;
  END IF;

  FOR v_i IN 1..v_n LOOP
    v_expected := p_streams->(v_i - 1)->>'expected';
    IF (v_expected = 'no_stream' AND v_versions[v_i] <> 0)
       OR (v_expected = 'exists' AND v_versions[v_i] = 0)
       OR (v_expected ~ '^[0-9]+$' AND v_versions[v_i] <> v_expected::bigint) THEN
      RAISE EXCEPTION 'wrong expected version on stream %: expected %, actual %', v_ids[v_i], v_expected, v_versions[v_i]
        USING ERRCODE = 'EV001',
              DETAIL = jsonb_build_object('streamId', v_ids[v_i], 'expected', v_expected, 'actual', v_versions[v_i])::text;
    END IF;
  END LOOP;

  -- Chain: each hash covers the stream's previous hash and the event's canonical bytes.
  FOR v_row IN SELECT x, ord FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, ord) ORDER BY ord LOOP
    v_s := (v_row.x->>'s')::int + 1;
    v_versions[v_s] := v_versions[v_s] + 1;
    v_event_versions := v_event_versions || v_versions[v_s];
    v_prevs := v_prevs || v_heads[v_s];
    v_heads[v_s] := sha256(v_heads[v_s] || convert_to((v_row.x->>'pre') || v_versions[v_s]::text || (v_row.x->>'suf'), 'UTF8'));
    v_hashes := v_hashes || v_heads[v_s];
  END LOOP;

  WITH inserted AS (
    INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata,
                        recorded_at, prev_hash, hash)
    SELECT v_ids[(x->>'s')::int + 1], v_event_versions[ord], (x->>'id')::uuid, x->>'type', (x->>'sv')::int,
           x->'data', x->'meta', (x->>'at')::timestamptz, v_prevs[ord], v_hashes[ord]
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, ord)
      ORDER BY ord
    RETURNING stream_id, stream_version, global_position
  )
  SELECT jsonb_build_object('status', 'appended', 'streams', jsonb_agg(jsonb_build_object(
           'streamId', u.id,
           'nextVersion', v_versions[u.ord],
           'positions', COALESCE((SELECT jsonb_agg(i.global_position ORDER BY i.stream_version)
                                    FROM inserted i WHERE i.stream_id = u.id), '[]'::jsonb))
           ORDER BY u.ord))
    INTO v_result FROM unnest(v_ids) WITH ORDINALITY AS u(id, ord);

  UPDATE streams s
     SET version = u.version, head_hash = u.head, updated_at = now(),
         stream_type = COALESCE(s.stream_type, p_streams->(u.ord::int - 1)->>'type')
    FROM unnest(v_ids, v_versions, v_heads) WITH ORDINALITY AS u(id, version, head, ord)
   WHERE s.stream_id = u.id AND s.version <> u.version;

  IF p_command IS NOT NULL THEN
    UPDATE commands SET result = jsonb_build_object('result', p_command->'result', 'streams', v_result->'streams')
     WHERE command_id = p_command->>'id';
  END IF;

  IF jsonb_array_length(p_events) > 0 THEN
    PERFORM pg_notify('es_events', '');
  END IF;
  RETURN v_result;
END
$$;

-- Down Migration
DROP FUNCTION IF EXISTS es_append(jsonb, jsonb, jsonb);
DROP FUNCTION IF EXISTS es_lock_streams(text[]);
DROP TABLE IF EXISTS subject_keys;
DROP TABLE IF EXISTS commands;
DROP TABLE IF EXISTS events;
DROP FUNCTION IF EXISTS es_forbid_change();
DROP TABLE IF EXISTS streams;
