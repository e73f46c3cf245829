-- Up Migration

-- Generated extract bundles, byte for byte as downloaded. The extract's stream records each
-- bundle's SHA-256 (ExtractGenerated); a download serves only the archive with that digest,
-- so a bundle built for a generation that was never recorded is never handed out.
CREATE TABLE extract_bundles (
  extract_id  uuid NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size        integer NOT NULL CHECK (size > 0),
  archive     bytea NOT NULL,
  created_at  timestamptz NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (extract_id, sha256)
);

-- Finding extracts (newest first, by addressee) and the complaints of a period without a
-- scan of the whole log.
CREATE INDEX events_extract_requested_idx ON events (global_position) WHERE event_type = 'ExtractRequested';
CREATE INDEX events_complaint_received_idx ON events ((data->>'receivedOn')) WHERE event_type = 'ComplaintRegistered';

-- Down Migration
DROP INDEX IF EXISTS events_complaint_received_idx;
DROP INDEX IF EXISTS events_extract_requested_idx;
DROP TABLE IF EXISTS extract_bundles;
