-- The yearly result report under förordning (2024:99): templates as data (one per reporting year),
-- each county's report for a year, its answers, and every saved version of every answer.

create table report_templates (
  year integer primary key,
  title text not null
);

create table report_template_sections (
  template_year integer not null references report_templates(year),
  number integer not null,
  title text not null,
  -- One combined limit for all answers of the section, characters including spaces.
  char_limit integer not null check (char_limit > 0),
  primary key (template_year, number)
);

create table report_template_instructions (
  template_year integer not null,
  section_number integer not null,
  position integer not null,
  text text not null,
  primary key (template_year, section_number, position),
  foreign key (template_year, section_number) references report_template_sections(template_year, number)
);

create table report_template_questions (
  template_year integer not null,
  section_number integer not null,
  -- Stable question number used in the API: "1.1" … "6.3"; sub-questions carry a letter ("5.1a").
  number text not null,
  position integer not null,
  -- text: free text; choice: a yes/no(/not applicable) choice plus a conditional text;
  -- effects: free text plus the basis of the description (uppföljning / utvärdering / egen bedömning).
  kind text not null check (kind in ('text', 'choice', 'effects')),
  text text not null,
  -- A lead shown before the question, shared by a group of sub-questions ("5.1 Har anslaget …").
  lead text,
  -- For choice questions: the allowed choices in order, e.g. {yes,no} or {yes,no,na}.
  choices text[],
  -- For choice questions: the instruction for the text that follows the choice.
  conditional_text text,
  note text,
  required boolean not null default false,
  primary key (template_year, number),
  unique (template_year, section_number, position),
  foreign key (template_year, section_number) references report_template_sections(template_year, number)
);

create table result_reports (
  id uuid primary key default gen_random_uuid(),
  county_code text not null references counties(code),
  year integer not null references report_templates(year),
  status text not null default 'draft' check (status in ('draft', 'ready', 'submitted')),
  submitted_at timestamptz,
  submitted_by uuid references users(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (county_code, year)
);

create table result_report_answers (
  report_id uuid not null references result_reports(id),
  question_number text not null,
  text text not null default '',
  choice text check (choice in ('yes', 'no', 'na')),
  basis text check (basis in ('uppfoljning', 'utvardering', 'egen_bedomning')),
  version integer not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id),
  primary key (report_id, question_number)
);

-- Every saved version, kept for the history and the diff between versions.
create table result_report_answer_versions (
  report_id uuid not null references result_reports(id),
  question_number text not null,
  version integer not null,
  text text not null,
  choice text,
  basis text,
  saved_at timestamptz not null default now(),
  saved_by uuid references users(id),
  primary key (report_id, question_number, version)
);

-- Status changes (ready, submitted, reopened with a reason) shown on the report page.
create table result_report_events (
  id bigserial primary key,
  report_id uuid not null references result_reports(id),
  at timestamptz not null default now(),
  user_id uuid references users(id),
  from_status text not null,
  to_status text not null,
  reason text
);
create index result_report_events_report on result_report_events(report_id, at);
