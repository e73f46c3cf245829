-- Up Migration

-- The RFC 6962 Merkle tree over every event in global order (leaf data = the event's stored
-- 32-byte hash). Every perfect subtree's hash is kept, so roots and proofs of any size read
-- O(log n) nodes. The tree is derived data: it can be rebuilt from the events, and the signed
-- checkpoints are what an outsider trusts.
CREATE TABLE merkle_leaves (
  leaf_index      bigint PRIMARY KEY CHECK (leaf_index >= 0),
  global_position bigint NOT NULL UNIQUE,
  event_id        uuid NOT NULL UNIQUE,
  stream_id       text NOT NULL,
  stream_version  bigint NOT NULL,
  event_hash      bytea NOT NULL CHECK (octet_length(event_hash) = 32)
);

-- level 0: the leaf hashes; level k, index i: the subtree of leaves [i * 2^k, (i + 1) * 2^k).
CREATE TABLE merkle_nodes (
  level      integer NOT NULL CHECK (level >= 0 AND level < 64),
  node_index bigint NOT NULL CHECK (node_index >= 0),
  hash       bytea NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, node_index)
);

-- Where the sealer stands in the global order; its row lock is the sealer's lease.
CREATE TABLE merkle_state (
  id             integer PRIMARY KEY CHECK (id = 1),
  tree_size      bigint NOT NULL,
  transaction_id xid8 NOT NULL,
  position       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO merkle_state (id, tree_size, transaction_id, position) VALUES (1, 0, '0', 0);

-- Signed tree heads: size, root, time, and the provider's Ed25519 signature over them.
CREATE TABLE merkle_checkpoints (
  tree_size  bigint PRIMARY KEY CHECK (tree_size > 0),
  root_hash  bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  signed_at  timestamptz NOT NULL,
  key_id     text NOT NULL,
  signature  bytea NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS merkle_checkpoints;
DROP TABLE IF EXISTS merkle_state;
DROP TABLE IF EXISTS merkle_nodes;
DROP TABLE IF EXISTS merkle_leaves;
