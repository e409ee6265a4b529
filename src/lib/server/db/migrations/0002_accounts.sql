-- Accounts, sessions, API tokens, invitations, sign-in throttling, the audit log and background jobs.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  organisation_id text not null references organisations(id),
  role text not null check (role in ('admin', 'editor', 'reader')),
  password_hash text,
  unit text,
  title text,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
-- E-mail addresses are compared case-insensitively; stored lower-cased.
create unique index users_email on users(email);
create index users_organisation on users(organisation_id);

create table sessions (
  id text primary key,              -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user on sessions(user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  name text not null,
  token_hash text not null unique,  -- sha256 of the token
  prefix text not null,             -- first characters, to recognise a token in the list
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens(user_id);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  email text not null,
  name text not null,
  organisation_id text not null references organisations(id),
  role text not null check (role in ('admin', 'editor', 'reader')),
  invited_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);

-- One row per failed sign-in; throttling counts recent rows per e-mail and per client address.
create table login_failures (
  id bigserial primary key,
  email text not null,
  client_address text not null,
  at timestamptz not null default now()
);
create index login_failures_email on login_failures(email, at);
create index login_failures_address on login_failures(client_address, at);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id uuid references users(id),
  user_email text,
  organisation_id text references organisations(id),
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb
);
create index audit_log_organisation on audit_log(organisation_id, at desc);
create index audit_log_entity on audit_log(entity, entity_id);

create table jobs (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  organisation_id text references organisations(id),
  created_by uuid references users(id),
  payload jsonb not null default '{}'::jsonb,
  progress double precision not null default 0,
  message text,
  log jsonb not null default '[]'::jsonb,
  result jsonb,
  error text,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz
);
create index jobs_status on jobs(status, created_at);
