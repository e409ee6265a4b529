-- Accessibility analysis: versioned data sets per county and year (road network, population grid,
-- service points, municipality boundaries), the editable service point register, proposals from
-- municipalities, saved what-if scenarios, and goals of action plans bound to an analysis measure.

create table analysis_datasets (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  kind text not null check (kind in ('network', 'population', 'service_points', 'boundaries')),
  year integer not null check (year between 1990 and 2100),
  name text not null,
  -- importing: the job is running; ready: imported, may be inspected and made current; failed: the job
  -- failed (nothing of it is used); current: the one in use for its county and kind; retired: was current.
  status text not null default 'importing' check (status in ('importing', 'ready', 'failed', 'current', 'retired')),
  source text not null,
  generated_demo boolean not null default false,
  job_id uuid references jobs(id),
  summary jsonb not null default '{}'::jsonb,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  made_current_at timestamptz,
  version integer not null default 1
);
create unique index analysis_datasets_current on analysis_datasets(county_code, kind) where status = 'current';
create index analysis_datasets_county on analysis_datasets(county_code, kind, created_at desc);

-- The prepared road network (the engine's binary format: typed arrays plus contraction hierarchy).
create table analysis_network_blobs (
  dataset_id uuid primary key references analysis_datasets(id) on delete cascade,
  bytes bytea not null,
  node_count integer not null,
  edge_count integer not null
);

create table analysis_squares (
  dataset_id uuid not null references analysis_datasets(id) on delete cascade,
  square_id text not null,
  size integer not null,
  x integer not null,
  y integer not null,
  lon double precision not null,
  lat double precision not null,
  population integer not null,
  population_70plus integer not null,
  municipality_code char(4),
  primary key (dataset_id, square_id)
);

create table analysis_boundaries (
  dataset_id uuid not null references analysis_datasets(id) on delete cascade,
  municipality_code char(4) not null,
  name text not null,
  geometry jsonb not null,
  primary key (dataset_id, municipality_code)
);

-- Service points belong to a service point data set; the register edits the points of the current one.
create table analysis_service_points (
  id uuid primary key default gen_random_uuid(),
  dataset_id uuid not null references analysis_datasets(id) on delete cascade,
  county_code char(2) not null references counties(code),
  municipality_code char(4),
  external_id text,
  name text not null,
  types jsonb not null,
  lon double precision not null,
  lat double precision not null,
  attributes jsonb not null default '{}'::jsonb,
  closed_from date,
  source text not null,
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index analysis_service_points_dataset on analysis_service_points(dataset_id);

create table analysis_point_proposals (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  municipality_code char(4) not null references municipalities(code),
  organisation_id text not null references organisations(id),
  point_id uuid references analysis_service_points(id) on delete set null,
  kind text not null check (kind in ('add', 'update', 'close')),
  payload jsonb not null,
  note text not null default '',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  decided_by uuid references users(id),
  decided_at timestamptz,
  decision_note text,
  version integer not null default 1
);
create index analysis_point_proposals_county on analysis_point_proposals(county_code, status, created_at desc);

create table analysis_scenarios (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  area text not null,
  service_type text not null,
  name text not null,
  note text not null default '',
  close_ids jsonb not null default '[]'::jsonb,
  additions jsonb not null default '[]'::jsonb,
  -- What the scenario showed when saved (before/after bands, data sets used), so it reopens as it was.
  result jsonb not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index analysis_scenarios_county on analysis_scenarios(county_code, created_at desc);

-- A measurable goal (owned by the programmes domain; its id as text) bound to an analysis measure.
create table analysis_goal_measures (
  goal_id text primary key,
  county_code char(2) not null references counties(code),
  area text not null,
  service_type text not null,
  measure text not null check (measure in ('shareWithinKm', 'share70WithinKm', 'meanKm', 'medianKm')),
  km double precision,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);

-- An uploaded file waiting for (or read by) its import job; kept with its data set so the job can be
-- restarted after a crash and the upload can be traced afterwards.
create table analysis_import_files (
  dataset_id uuid primary key references analysis_datasets(id) on delete cascade,
  name text not null,
  bytes bytea not null,
  created_at timestamptz not null default now()
);
