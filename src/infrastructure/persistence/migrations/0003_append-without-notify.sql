-- Up Migration

-- es_append without NOTIFY: a transaction that notifies holds a database-wide lock until its
-- commit is flushed, so concurrent appends committed one at a time (bench: 8 writers no faster
-- than one). Readers are woken by a debounced NOTIFY sent outside the append. Results now also
-- carry each stream's head hash, for the next append's expected head.
CREATE OR REPLACE FUNCTION es_append(p_streams jsonb, p_events jsonb, p_command jsonb DEFAULT NULL)
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
                               AND e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) AS t(x))), '[]'::jsonb),
             'headHash', (SELECT encode(e.hash, 'hex') FROM events e WHERE e.stream_id = u.id
                               AND e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) AS t(x))
                               ORDER BY e.stream_version DESC LIMIT 1))
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
                                    FROM inserted i WHERE i.stream_id = u.id), '[]'::jsonb),
           'headHash', encode(v_heads[u.ord], 'hex'))
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

  RETURN v_result;
END
$$;

-- Stream rows are updated on every append: room on each page keeps those updates HOT (no
-- index maintenance, and old versions pruned in place).
ALTER TABLE streams SET (fillfactor = 50);

-- Plans of the function's statements are reused instead of re-planned on every call.
ALTER FUNCTION es_append(jsonb, jsonb, jsonb) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION es_lock_streams(text[]) SET plan_cache_mode = force_generic_plan;

-- Down Migration
ALTER TABLE streams RESET (fillfactor);
-- The body before this migration (with NOTIFY) is in 0001; rolling back keeps the function without it,
-- which only means readers are woken by polling and the debounced NOTIFY.
ALTER FUNCTION es_lock_streams(text[]) RESET plan_cache_mode;
ALTER FUNCTION es_append(jsonb, jsonb, jsonb) RESET plan_cache_mode;
