-- Cases (ärenden) with diary numbers, their documents, decisions, process plans and consultation rounds.
-- Records of the programme domain (programmes, versions, action plans) are referred to by id as text:
-- the cases domain must not depend on how that domain keys its rows, and a decision point keeps naming
-- what it adopted even if the record is later versioned.

-- Jämtland's register for regional development cases, as in RUN/536/2021.
update organisations set diary_prefix = 'RUN' where id = 'region-23' and diary_prefix is null;

create table cases (
  id uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisations(id),
  county_code char(2) not null references counties(code),
  register text not null check (register ~ '^[A-ZÅÄÖ]{1,10}$'),
  running_number integer not null check (running_number between 1 and 999999),
  year integer not null check (year between 1900 and 2200),
  diary_number text not null,
  title text not null check (length(title) between 1 and 300),
  opened date not null,
  unit text,
  case_officer_id uuid references users(id),
  status text not null default 'open' check (status in ('open', 'closed')),
  programme_id text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  -- One number is one case in an organisation's diary, whatever the register's letters.
  unique (organisation_id, register, year, running_number),
  unique (organisation_id, diary_number)
);
create index cases_county on cases(county_code);
create index cases_programme on cases(programme_id);

create table case_links (
  case_id uuid not null references cases(id) on delete cascade,
  record_kind text not null check (record_kind in ('programme', 'programmeVersion', 'actionPlan')),
  record_id text not null,
  title text not null,
  primary key (case_id, record_kind, record_id)
);

create table case_documents (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id) on delete cascade,
  file_id uuid not null references files(id),
  title text not null,
  public boolean not null default false,
  added_by uuid references users(id),
  added_at timestamptz not null default now()
);
create index case_documents_case on case_documents(case_id);

create table decisions (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  title text not null,
  decision_date date not null,
  maker_kind text not null check (maker_kind in ('body', 'delegate')),
  maker text not null,
  paragraph text,
  description text not null default '',
  delegation text,
  reported_to text,
  reported_on date,
  signed_at timestamptz,
  signed_by uuid references users(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  -- A body decides in a numbered paragraph; a delegate decides under a delegating decision.
  check (maker_kind = 'delegate' or paragraph is not null)
);
create index decisions_case on decisions(case_id);

create table decision_basis (
  decision_id uuid not null references decisions(id) on delete cascade,
  position integer not null,
  label text not null,
  document_id uuid references case_documents(id),
  record_kind text,
  record_id text,
  primary key (decision_id, position)
);

create table decision_points (
  decision_id uuid not null references decisions(id) on delete cascade,
  number integer not null check (number >= 1),
  text text not null,
  adopts_kind text check (adopts_kind in ('actionPlan', 'programmeVersion')),
  adopts_id text,
  primary key (decision_id, number),
  check ((adopts_kind is null) = (adopts_id is null))
);

-- Utdrag till: the recipients, whose users may read the signed decision (the visibility table).
create table decision_distribution (
  decision_id uuid not null references decisions(id) on delete cascade,
  organisation_id text not null references organisations(id),
  primary key (decision_id, organisation_id)
);
create index decision_distribution_org on decision_distribution(organisation_id);

create table process_plans (
  id uuid primary key default gen_random_uuid(),
  programme_id text not null unique,
  case_id uuid references cases(id),
  organisation_id text not null references organisations(id),
  county_code char(2) not null references counties(code),
  title text not null,
  plan_date date not null,
  version integer not null default 1,
  created_at timestamptz not null default now()
);

create table process_plan_roles (
  plan_id uuid not null references process_plans(id) on delete cascade,
  position integer not null,
  role text not null,
  who text not null,
  task text not null,
  primary key (plan_id, position)
);

create table process_plan_milestones (
  plan_id uuid not null references process_plans(id) on delete cascade,
  position integer not null,
  starts date not null,
  ends date,
  precision text not null default 'day' check (precision in ('day', 'month')),
  title text not null,
  decided_by text,
  done boolean not null default false,
  primary key (plan_id, position),
  check (ends is null or ends >= starts)
);

create table consultations (
  id uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisations(id),
  county_code char(2) not null references counties(code),
  case_id uuid references cases(id),
  programme_id text,
  programme_version_id text,
  title text not null,
  sent_on date not null,
  deadline date not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  check (deadline >= sent_on)
);

-- The chapters as they were in the version sent, so answers and the summary stay tied to what was read.
create table consultation_chapters (
  consultation_id uuid not null references consultations(id) on delete cascade,
  position integer not null,
  title text not null,
  primary key (consultation_id, position)
);

create table consultation_recipients (
  consultation_id uuid not null references consultations(id) on delete cascade,
  organisation_id text not null references organisations(id),
  primary key (consultation_id, organisation_id)
);
create index consultation_recipients_org on consultation_recipients(organisation_id);

create table consultation_reminders (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations(id) on delete cascade,
  organisation_id text not null references organisations(id),
  sent_at timestamptz not null default now(),
  recorded_by uuid references users(id)
);

create table consultation_answers (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations(id) on delete cascade,
  organisation_id text not null references organisations(id),
  general_comment text not null default '',
  file_id uuid references files(id),
  status text not null default 'draft' check (status in ('draft', 'submitted')),
  submitted_at timestamptz,
  submitted_by uuid references users(id),
  version integer not null default 1,
  unique (consultation_id, organisation_id),
  foreign key (consultation_id, organisation_id) references consultation_recipients(consultation_id, organisation_id)
);

create table consultation_answer_comments (
  answer_id uuid not null references consultation_answers(id) on delete cascade,
  chapter_position integer not null,
  comment text not null,
  primary key (answer_id, chapter_position)
);
