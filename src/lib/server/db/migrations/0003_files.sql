-- Uploaded files live in the database, so a file and the record pointing at it commit (or roll back)
-- together and a backup of the database is a backup of everything.
create table files (
  id uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisations(id),
  name text not null,
  media_type text not null,
  size_bytes integer not null check (size_bytes >= 0),
  sha256 text not null,
  data bytea not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index files_organisation on files(organisation_id);
