-- DLQ replays (issue #7) and the dead letters already handled (replayed or discarded), which
-- DLQ depth subtracts. A replay's progress is decided by Kafka: its transactions commit the
-- produced records together with the DLQ offsets reached (and the running counters, in the
-- offset metadata). This table follows: `positions` is how far it has caught up per
-- partition; after a crash the gap up to Kafka's position is filled in again.

CREATE TABLE replays (
  id text PRIMARY KEY,
  cluster text NOT NULL,
  dlq text NOT NULL,
  -- pending | running | paused | cancelled | completed | failed
  status text NOT NULL,
  selection jsonb NOT NULL,
  target text,
  rate_per_second integer NOT NULL,
  max_replay_count integer NOT NULL,
  -- [{partition, from, end}]: fixed when the replay was created.
  ranges jsonb NOT NULL,
  -- {partition: offset}: the position this table has recorded, per partition.
  positions jsonb NOT NULL DEFAULT '{}',
  selected bigint,
  range_size bigint NOT NULL,
  scanned bigint NOT NULL DEFAULT 0,
  -- {matched, replayed, skipped: {loopGuard, handled, noTarget}, counts: {topic: n}}
  progress jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  error text
);

-- At most one active replay per DLQ: two at once would replay the same records twice.
CREATE UNIQUE INDEX replays_one_active_per_dlq ON replays (cluster, dlq)
  WHERE status IN ('pending', 'running', 'paused');
CREATE INDEX replays_dlq_created_idx ON replays (cluster, dlq, created_at DESC);
CREATE INDEX replays_created_idx ON replays (created_at DESC);

CREATE TABLE dlq_handled (
  cluster text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  record_offset bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('replayed', 'discarded')),
  replay_id text,
  handled_at timestamptz NOT NULL DEFAULT now(),
  handled_by text,
  PRIMARY KEY (cluster, topic, partition, record_offset)
);
