-- Alert rules as data, the state of every alert instance, silences (issue #8).

-- A rule's definition is the validated AlertRuleInput (shared/src/alerts-api.ts) as JSON, so
-- adding an optional field needs no migration. Names are unique: alertname identifies a rule
-- in fingerprints and in the receivers' grouping, as in Prometheus + Alertmanager.
CREATE TABLE alert_rules (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  definition jsonb NOT NULL,
  seeded boolean NOT NULL DEFAULT false,
  -- Last evaluation: ok, nodata (source unreachable or stale) or error, with the reason.
  health text NOT NULL DEFAULT 'ok' CHECK (health IN ('ok', 'nodata', 'error')),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The defaults of DESIGN.md are seeded once: the marker stays when the rule is deleted, so a
-- deleted default is not re-created at the next start.
CREATE TABLE alert_rule_seeds (
  seed_key text PRIMARY KEY,
  seeded_at timestamptz NOT NULL DEFAULT now()
);

-- One row per alert instance (rule × series), keyed by the fingerprint of its labels. A
-- pending instance whose condition turns false is deleted (inactive); a resolved one is kept
-- for the list and pruned later; the same series firing again reuses the row.
CREATE TABLE alerts (
  fingerprint text PRIMARY KEY,
  rule_id text NOT NULL,
  rule_name text NOT NULL,
  -- The series it watches: its family (metric, finer split, window), key and own labels.
  family text NOT NULL,
  series_key text NOT NULL,
  series_labels jsonb NOT NULL,
  metric text NOT NULL,
  cluster text,
  state text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  severity text NOT NULL,
  labels jsonb NOT NULL,
  annotations jsonb NOT NULL,
  value double precision,
  threshold double precision NOT NULL,
  health text NOT NULL CHECK (health IN ('ok', 'nodata', 'error')),
  active_at timestamptz,
  fired_at timestamptz,
  resolved_at timestamptz,
  -- Last time the condition held (keep_firing_for) and the series was seen at all.
  last_true_at timestamptz,
  last_seen_at timestamptz,
  last_evaluated_at timestamptz NOT NULL,
  silenced_by jsonb NOT NULL DEFAULT '[]',
  inhibited_by jsonb NOT NULL DEFAULT '[]',
  url text NOT NULL,
  -- Acknowledgement by an operator; cleared when the alert becomes active again.
  ack_by text,
  ack_at timestamptz,
  ack_comment text
);
CREATE INDEX alerts_state_idx ON alerts (state);
CREATE INDEX alerts_rule_id_idx ON alerts (rule_id);
CREATE INDEX alerts_resolved_at_idx ON alerts (resolved_at);

CREATE TABLE silences (
  id text PRIMARY KEY,
  matchers jsonb NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_by text NOT NULL,
  comment text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX silences_ends_at_idx ON silences (ends_at);
