-- People who sign in to the SPA with a password (scrypt hash, never the password).
CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);

-- API tokens for scripts and agents. Only a SHA-256 of the token is kept: tokens are 256
-- random bits, so a fast hash is enough and lookups stay one indexed equality.
CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  token_hash text NOT NULL UNIQUE,
  -- 'api' (created through the API), 'env' (EVENTSCOPE_ADMIN_TOKEN) or 'bootstrap'.
  origin text NOT NULL DEFAULT 'api',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Browser sessions: the cookie carries a random id, the table its SHA-256.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  principal_kind text NOT NULL,
  principal_id text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
