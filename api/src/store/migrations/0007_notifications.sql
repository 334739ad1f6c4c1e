-- Notifiers: where alert notifications go (generic webhook, Slack, PagerDuty) and the
-- Alertmanager-style route knobs. url, secret and routing_key are write-only through the API.
CREATE TABLE notifiers (
  id text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('webhook', 'slack', 'pagerduty')),
  url text NOT NULL,
  -- Standard Webhooks signing secret (whsec_…).
  secret text NOT NULL,
  routing_key text,
  send_resolved boolean NOT NULL,
  enabled boolean NOT NULL,
  -- Why the system disabled it (410 Gone); cleared when an admin enables it again.
  disabled_reason text,
  matchers jsonb NOT NULL,
  group_by jsonb NOT NULL,
  group_wait_seconds integer NOT NULL,
  group_interval_seconds integer NOT NULL,
  repeat_interval_seconds integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One aggregation group per notifier and group key: its alerts (fingerprint → alert), when it
-- is due to flush next, and what the last notification said (Alertmanager's notification log),
-- so a restart neither forgets a pending notification nor repeats a sent one.
CREATE TABLE notification_groups (
  notifier_id text NOT NULL REFERENCES notifiers (id) ON DELETE CASCADE,
  group_key text NOT NULL,
  group_labels jsonb NOT NULL,
  alerts jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  next_flush_at timestamptz NOT NULL,
  last_notified_at timestamptz,
  last_firing jsonb NOT NULL DEFAULT '[]',
  last_resolved jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (notifier_id, group_key)
);
CREATE INDEX notification_groups_due_idx ON notification_groups (next_flush_at);

-- The outbox: a notification is inserted in the transaction that decided it, then delivered
-- by the worker. The body is fixed at insert time and webhook_id never changes, so every retry
-- is the same message to the receiver. seq orders the deliveries of one group.
CREATE TABLE notification_deliveries (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  notifier_id text NOT NULL REFERENCES notifiers (id) ON DELETE CASCADE,
  webhook_id text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('firing', 'resolved', 'test')),
  group_key text NOT NULL,
  alerts integer NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  -- A worker holds a claimed delivery until then; after a crash another worker may take it.
  lease_until timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX notification_deliveries_due_idx
  ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_notifier_idx
  ON notification_deliveries (notifier_id, seq DESC);

-- The delivery log: one row per HTTP attempt.
CREATE TABLE notification_attempts (
  id bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  at timestamptz NOT NULL,
  status_code integer,
  error text,
  duration_ms integer NOT NULL
);
CREATE INDEX notification_attempts_delivery_idx ON notification_attempts (delivery_id, id);
