-- The regional service programme: programmes per county and period with versions, annual action plans
-- with interventions and measurable goals, year-end follow-ups, municipal service plans and the network.
-- Lists that are always read and written whole (SWOT items, steering documents, partners) are jsonb;
-- anything another record points at (interventions, measurable goals) is a row with a uuid.

create table programmes (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  organisation_id text not null references organisations(id),
  period_start integer not null,
  period_end integer not null,
  title text not null,
  created_at timestamptz not null default now(),
  check (period_end >= period_start),
  unique (county_code, period_start)
);

-- One row per version of the programme's content. An adopted version never changes (the trigger below
-- refuses it even if a service forgot to check); a change is a new draft version copied from the latest.
create table programme_versions (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programmes(id) on delete cascade,
  number integer not null,
  status text not null default 'draft' check (status in ('draft', 'consultation', 'adopted')),
  content jsonb not null,
  adopted_date date,
  adopted_by text,
  adopted_paragraph text,
  adopted_delegation text,
  decision_id text,
  decision_reference text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (programme_id, number),
  check (status <> 'adopted' or (adopted_date is not null and adopted_by is not null))
);

create function programme_versions_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'adopted' then
    raise exception 'programme version % is adopted and cannot change', old.id using errcode = 'check_violation';
  end if;
  return coalesce(new, old);
end $$;
create trigger programme_versions_frozen before update or delete on programme_versions
  for each row execute function programme_versions_frozen();

create table action_plans (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programmes(id) on delete cascade,
  year integer not null,
  status text not null default 'draft' check (status in ('draft', 'adopted')),
  introduction text not null default '',
  adopted_date date,
  adopted_by text,
  adopted_paragraph text,
  adopted_delegation text,
  decision_id text,
  decision_reference text,
  carried_from_plan_id uuid references action_plans(id),
  created_at timestamptz not null default now(),
  version integer not null default 1,
  unique (programme_id, year)
);

create table action_plan_interventions (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references action_plans(id) on delete cascade,
  position integer not null,
  title text not null,
  description text not null default '',
  goal_codes jsonb not null default '[]',
  responsible_organisation_ids jsonb not null default '[]',
  responsible_role text,
  partners jsonb not null default '[]',
  start_date date,
  end_date date,
  budget_sek bigint check (budget_sek is null or budget_sek >= 0),
  funding_source text,
  carried_from_id uuid references action_plan_interventions(id),
  version integer not null default 1,
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index action_plan_interventions_plan on action_plan_interventions(plan_id, position);

-- The measurable goals (uppföljningsbara mål) of an intervention. Other domains refer to a goal by this id
-- (the analysis domain binds a goal to one of its measures), so an edit keeps the ids of goals it keeps.
create table action_plan_goals (
  id uuid primary key default gen_random_uuid(),
  intervention_id uuid not null references action_plan_interventions(id) on delete cascade,
  position integer not null,
  indicator text not null,
  unit text not null,
  baseline double precision,
  target double precision not null,
  target_date date
);
create index action_plan_goals_intervention on action_plan_goals(intervention_id, position);

create table follow_ups (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null unique references action_plans(id) on delete cascade,
  status text not null default 'in_progress' check (status in ('in_progress', 'submitted')),
  summary text not null default '',
  lessons text not null default '',
  submitted_at timestamptz,
  submitted_date date,
  submitted_by uuid references users(id),
  board_reported_date date,
  board_reference text,
  created_at timestamptz not null default now(),
  version integer not null default 1
);

create table follow_up_interventions (
  follow_up_id uuid not null references follow_ups(id) on delete cascade,
  intervention_id uuid not null references action_plan_interventions(id) on delete cascade,
  status text check (status in ('genomford', 'delvis', 'ej_genomford', 'pagar')),
  comment text not null default '',
  primary key (follow_up_id, intervention_id)
);

create table follow_up_outcomes (
  follow_up_id uuid not null references follow_ups(id) on delete cascade,
  goal_id uuid not null references action_plan_goals(id) on delete cascade,
  outcome double precision,
  comment text not null default '',
  primary key (follow_up_id, goal_id)
);

create table municipal_service_plans (
  id uuid primary key default gen_random_uuid(),
  municipality_code char(4) not null references municipalities(code),
  programme_id uuid references programmes(id),
  title text not null,
  period_start integer not null,
  period_end integer not null,
  adopted_date date,
  local_analysis text not null default '',
  swot jsonb not null default '{"strengths":[],"weaknesses":[],"opportunities":[],"threats":[]}',
  priorities jsonb not null default '[]',
  interventions jsonb not null default '[]',
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (period_end >= period_start),
  unique (municipality_code, period_start)
);

create table networks (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  convener_id text not null references organisations(id),
  name text not null,
  description text not null default '',
  created_at timestamptz not null default now()
);

create table network_members (
  network_id uuid not null references networks(id) on delete cascade,
  organisation_id text not null references organisations(id),
  role text not null default '',
  primary key (network_id, organisation_id)
);

create table network_meetings (
  id uuid primary key default gen_random_uuid(),
  network_id uuid not null references networks(id) on delete cascade,
  date date not null,
  place text not null default '',
  agenda text not null default '',
  minutes text not null default '',
  version integer not null default 1
);
create index network_meetings_network on network_meetings(network_id, date);
