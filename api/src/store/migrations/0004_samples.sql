-- Lag, topic and DLQ history. Raw rows per sample (kept EVENTSCOPE_RETENTION_RAW_HOURS) and
-- 1-minute rollups (kept EVENTSCOPE_RETENTION_ROLLUP_DAYS). NULL means unknown (cluster
-- unreachable, no committed offset): aggregates skip it and charts draw a gap, never a zero.

CREATE TABLE group_samples (
  cluster text NOT NULL,
  grp text NOT NULL,
  at timestamptz NOT NULL,
  lag_messages bigint,
  lag_seconds double precision,
  status text NOT NULL,
  state text NOT NULL,
  members integer NOT NULL
);
CREATE INDEX group_samples_key_at_idx ON group_samples (cluster, grp, at);
CREATE INDEX group_samples_at_idx ON group_samples (at);

CREATE TABLE group_rollups (
  cluster text NOT NULL,
  grp text NOT NULL,
  minute timestamptz NOT NULL,
  lag_messages_max bigint,
  lag_seconds_max double precision,
  -- The worst status seen in the minute (by severity rank, see samples.ts).
  status text,
  samples integer NOT NULL,
  PRIMARY KEY (cluster, grp, minute)
);

CREATE TABLE topic_samples (
  cluster text NOT NULL,
  topic text NOT NULL,
  at timestamptz NOT NULL,
  messages_per_second double precision,
  bytes_per_second double precision,
  size_p50 double precision,
  size_p95 double precision,
  size_p99 double precision,
  size_max double precision
);
CREATE INDEX topic_samples_key_at_idx ON topic_samples (cluster, topic, at);
CREATE INDEX topic_samples_at_idx ON topic_samples (at);

CREATE TABLE topic_rollups (
  cluster text NOT NULL,
  topic text NOT NULL,
  minute timestamptz NOT NULL,
  messages_per_second double precision,
  bytes_per_second double precision,
  size_p50 double precision,
  size_p95 double precision,
  size_p99 double precision,
  size_max double precision,
  PRIMARY KEY (cluster, topic, minute)
);

CREATE TABLE dlq_samples (
  cluster text NOT NULL,
  topic text NOT NULL,
  at timestamptz NOT NULL,
  depth bigint,
  oldest_age_seconds double precision,
  inflow_per_minute double precision
);
CREATE INDEX dlq_samples_key_at_idx ON dlq_samples (cluster, topic, at);
CREATE INDEX dlq_samples_at_idx ON dlq_samples (at);
