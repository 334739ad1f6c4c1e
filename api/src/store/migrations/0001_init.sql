-- Who did what to what, when, and how it ended: logins, API tokens, replays, alert rule
-- changes, acknowledgements. Append-only: the app inserts and never rewrites history.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  outcome text NOT NULL,
  source text,
  details jsonb
);

-- Lists are newest first (id DESC), optionally narrowed to one action or one actor.
CREATE INDEX audit_log_action_id_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_id_idx ON audit_log (actor, id DESC);

-- Enforce append-only in the database too, so no code path can quietly edit an entry.
-- DELETE stays possible for retention.
CREATE FUNCTION audit_log_forbid_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_update();
