-- Grants: funds and calls, applications with their sustainability answers and attachments, assessments,
-- decisions (a change is a new row linked to the one it replaces), payments and recovery, the de minimis
-- register, imports of projects decided elsewhere, and the rules of förordning (2000:284) and the EU
-- de minimis regulations as dated parameters (never constants in code).

create table grant_rule_parameters (
  id uuid primary key default gen_random_uuid(),
  key text not null,
  -- Every parameter is a whole number: kronor, euro, per cent, kilometres or years.
  value bigint not null,
  valid_from date not null,
  valid_to date,
  source text not null,
  changed_by uuid references users(id),
  changed_at timestamptz not null default now(),
  version integer not null default 1,
  check (valid_to is null or valid_to >= valid_from)
);
create index grant_rule_parameters_key on grant_rule_parameters(key, valid_from);

-- SEK per EUR by month (first day of the month). Seeded with approximate demo figures; an administrator
-- replaces them with the Commission's official (InforEuro) rates.
create table grant_exchange_rates (
  month date primary key check (extract(day from month) = 1),
  sek_per_eur double precision not null check (sek_per_eur > 0),
  source text not null,
  changed_by uuid references users(id),
  changed_at timestamptz not null default now(),
  version integer not null default 1
);

create table grant_funds (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  name text not null,
  kind text not null check (kind in ('commercial_service', 'regional_fund', 'erdf_cofinancing', 'interreg_cofinancing', 'project_support')),
  description text not null default '',
  created_at timestamptz not null default now(),
  version integer not null default 1,
  unique (county_code, name)
);

create table grant_fund_budgets (
  fund_id uuid not null references grant_funds(id),
  year integer not null check (year between 2000 and 2100),
  budget_sek bigint not null check (budget_sek >= 0),
  version integer not null default 1,
  primary key (fund_id, year)
);

create table grant_calls (
  id uuid primary key default gen_random_uuid(),
  fund_id uuid not null references grant_funds(id),
  title text not null,
  opens_on date not null,
  closes_on date not null,
  criteria text not null default '',
  created_at timestamptz not null default now(),
  version integer not null default 1,
  check (closes_on >= opens_on)
);
create index grant_calls_fund on grant_calls(fund_id);

create table grant_applications (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  fund_id uuid not null references grant_funds(id),
  call_id uuid references grant_calls(id),
  applicant_name text not null,
  org_number char(10) not null check (org_number ~ '^[0-9]{10}$'),
  title text not null,
  description text not null default '',
  support_form text not null check (support_form in ('investeringsbidrag', 'investeringslan', 'servicebidrag', 'hemsandningsbidrag', 'sarskilt_driftstod', 'projektstod')),
  -- The year the support concerns (for hemsändningsbidrag the year of the deliveries, applied for in arrears).
  support_year integer not null check (support_year between 2000 and 2100),
  received_on date not null,
  applied_sek bigint not null check (applied_sek >= 0),
  eligible_cost_sek bigint check (eligible_cost_sek >= 0),
  special_case boolean not null default false,
  strategic_store boolean not null default false,
  net_cost_sek bigint check (net_cost_sek >= 0),
  deliveries integer check (deliveries >= 0),
  store_name text,
  service_point_id text,
  stated_distance_km double precision check (stated_distance_km >= 0),
  island_without_road boolean not null default false,
  open_all_year boolean,
  de_minimis_regime text not null check (de_minimis_regime in ('general', 'sgei', 'none')),
  sust_economic text not null default '',
  sust_social text not null default '',
  sust_environment text not null default '',
  sust_agenda2030 text not null default '',
  diary_number text,
  status text not null default 'received' check (status in ('received', 'assessing', 'granted', 'rejected', 'withdrawn')),
  source text not null default 'manual' check (source in ('manual', 'import', 'demo')),
  external_ref text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index grant_applications_county on grant_applications(county_code, received_on);
create index grant_applications_fund on grant_applications(fund_id);
create index grant_applications_org on grant_applications(org_number);

create table grant_application_municipalities (
  application_id uuid not null references grant_applications(id),
  municipality_code char(4) not null references municipalities(code),
  primary key (application_id, municipality_code)
);
create index grant_application_municipalities_code on grant_application_municipalities(municipality_code);

create table grant_application_files (
  application_id uuid not null references grant_applications(id),
  file_id uuid not null references files(id),
  primary key (application_id, file_id)
);

-- The checklist an officer goes through: general items (fund_id null) per support form, and a fund's own.
create table grant_checklist_items (
  id uuid primary key default gen_random_uuid(),
  fund_id uuid references grant_funds(id),
  support_form text,
  position integer not null,
  label text not null
);

create table grant_assessments (
  application_id uuid primary key references grant_applications(id),
  notes text not null default '',
  strategic_statement text not null default '',
  checklist jsonb not null default '{}',
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table grant_decisions (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references grant_applications(id),
  outcome text not null check (outcome in ('granted', 'rejected')),
  amount_sek bigint not null default 0 check (amount_sek >= 0),
  conditions text not null default '',
  decided_on date not null,
  -- The date of the first decision in a chain of changes: reports count a grant in the period it was first decided.
  first_decided_on date not null,
  reason text not null default '',
  -- A change of a decision is a new row; the row it replaces keeps its content and is marked superseded.
  previous_id uuid references grant_decisions(id),
  superseded_by uuid references grant_decisions(id),
  decided_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index grant_decisions_application on grant_decisions(application_id);

create table grant_payments (
  id uuid primary key default gen_random_uuid(),
  decision_id uuid not null references grant_decisions(id),
  kind text not null check (kind in ('request', 'payment', 'recovery')),
  amount_sek bigint not null check (amount_sek > 0),
  on_date date not null,
  note text not null default '',
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index grant_payments_decision on grant_payments(decision_id);

-- Aid per undertaking. Rows from our own decisions point at the decision; aid the undertaking declared from
-- other granting bodies has none. Amounts in euro are stored in cents at the rate of the decision's month.
create table grant_de_minimis_aid (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  org_number char(10) not null check (org_number ~ '^[0-9]{10}$'),
  undertaking_name text not null,
  regime text not null check (regime in ('general', 'sgei')),
  amount_sek bigint not null check (amount_sek >= 0),
  sek_per_eur double precision not null,
  amount_eur_cents bigint not null check (amount_eur_cents >= 0),
  decided_on date not null,
  granting_body text not null,
  decision_id uuid references grant_decisions(id),
  -- Set when the decision behind the row is changed; the row stays for the record.
  replaced_at timestamptz,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index grant_de_minimis_aid_org on grant_de_minimis_aid(org_number, decided_on);

create table grant_imports (
  id uuid primary key default gen_random_uuid(),
  county_code char(2) not null references counties(code),
  file_name text not null,
  file_kind text not null check (file_kind in ('csv', 'xlsx')),
  bytes bytea not null,
  status text not null default 'preview' check (status in ('preview', 'imported')),
  imported_count integer,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);

-- ---------------------------------------------------------------- parameters as of the migration

insert into grant_rule_parameters (key, value, valid_from, valid_to, source) values
  ('hemsandning.andel_procent', 50, '2011-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service om stöd till kommersiell service, i lydelse enligt SFS 2010:1709: högst 50 procent av kommunens nettokostnad.'),
  ('hemsandning.per_leverans_kr', 60, '2011-01-01', '2022-12-31', 'Förordning (2000:284) om stöd till kommersiell service i lydelse enligt SFS 2010:1709 (från 2011-01-01): högst 60 kronor per hushåll och hemsändningstillfälle.'),
  ('hemsandning.per_leverans_kr', 100, '2023-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service i den lydelse regionerna tillämpar från 2023: högst 100 kronor per hushåll och hemsändningstillfälle.'),
  ('servicebidrag.tak_kr', 250000, '2016-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service: servicebidrag högst 250 000 kronor per butik och år.'),
  ('servicebidrag.tak_strategisk_kr', 300000, '2016-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service: högst 300 000 kronor per år för en butik av strategisk betydelse.'),
  ('servicebidrag.max_ar', 3, '2016-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service: servicebidrag lämnas för högst tre år.'),
  ('investeringsbidrag.andel_procent', 50, '2000-07-01', null, 'Förordning (2000:284) om stöd till kommersiell service: investeringsbidrag högst 50 procent av de stödberättigande kostnaderna.'),
  ('investeringsbidrag.andel_sarskild_procent', 85, '2000-07-01', null, 'Förordning (2000:284) om stöd till kommersiell service: högst 85 procent vid åtgärdsprogram, samlokalisering med annan service eller investeringar som krävs enligt lag.'),
  ('driftstod.min_avstand_km', 10, '2016-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service: särskilt driftstöd till butik som ligger mer än 10 km från närmaste jämförbara butik eller på ö utan fast landförbindelse.'),
  ('driftstod.tak_kr', 300000, '2016-01-01', null, 'Förordning (2000:284) om stöd till kommersiell service: särskilt driftstöd högst 300 000 kronor per butik och år (belopp till och med 2024; ändras här när en ny lydelse gäller).'),
  ('deminimis.allman_tak_eur', 200000, '2014-01-01', '2023-12-31', 'Kommissionens förordning (EU) nr 1407/2013 om stöd av mindre betydelse: högst 200 000 euro under tre beskattningsår.'),
  ('deminimis.allman_tak_eur', 300000, '2024-01-01', null, 'Kommissionens förordning (EU) 2023/2831 om stöd av mindre betydelse: högst 300 000 euro under en period av tre år.'),
  ('deminimis.sgei_tak_eur', 500000, '2012-04-29', '2023-12-31', 'Kommissionens förordning (EU) nr 360/2012 (tjänster av allmänt ekonomiskt intresse): högst 500 000 euro under tre beskattningsår.'),
  ('deminimis.sgei_tak_eur', 750000, '2024-01-01', null, 'Kommissionens förordning (EU) 2023/2832 (tjänster av allmänt ekonomiskt intresse): högst 750 000 euro under en period av tre år.'),
  ('deminimis.fonster_ar', 3, '2012-04-29', null, 'Förordningarna om stöd av mindre betydelse: taket gäller stöd under en rullande treårsperiod.');

-- Prisbasbelopp per year (SCB, socialförsäkringsbalken 2 kap. 6–7 §§).
insert into grant_rule_parameters (key, value, valid_from, valid_to, source)
select 'prisbasbelopp_kr', v.value, make_date(v.year, 1, 1), make_date(v.year, 12, 31), 'Prisbasbelopp för ' || v.year || ' enligt socialförsäkringsbalken (fastställt av regeringen, beräknat av SCB).'
from (values (2011, 42800), (2012, 44000), (2013, 44500), (2014, 44400), (2015, 44500), (2016, 44300), (2017, 44800),
             (2018, 45500), (2019, 46500), (2020, 47300), (2021, 47600), (2022, 48300), (2023, 52500), (2024, 57300),
             (2025, 58800)) as v(year, value);

-- Approximate monthly SEK/EUR rates, 2021–2026: plausible demo figures only, to be replaced by the
-- Commission's official InforEuro rates before real use.
insert into grant_exchange_rates (month, sek_per_eur, source)
select make_date(v.year, v.month, 1), v.rate, 'Ungefärlig demokurs – ersätt med kommissionens officiella kurs (InforEuro).'
from (values
  (2021, 1, 10.09), (2021, 2, 10.07), (2021, 3, 10.16), (2021, 4, 10.24), (2021, 5, 10.15), (2021, 6, 10.11),
  (2021, 7, 10.20), (2021, 8, 10.18), (2021, 9, 10.15), (2021, 10, 10.04), (2021, 11, 9.98), (2021, 12, 10.16),
  (2022, 1, 10.33), (2022, 2, 10.35), (2022, 3, 10.51), (2022, 4, 10.30), (2022, 5, 10.48), (2022, 6, 10.60),
  (2022, 7, 10.66), (2022, 8, 10.45), (2022, 9, 10.79), (2022, 10, 10.97), (2022, 11, 10.86), (2022, 12, 10.98),
  (2023, 1, 11.13), (2023, 2, 11.17), (2023, 3, 11.27), (2023, 4, 11.28), (2023, 5, 11.31), (2023, 6, 11.61),
  (2023, 7, 11.67), (2023, 8, 11.82), (2023, 9, 11.91), (2023, 10, 11.64), (2023, 11, 11.54), (2023, 12, 11.28),
  (2024, 1, 11.32), (2024, 2, 11.23), (2024, 3, 11.26), (2024, 4, 11.64), (2024, 5, 11.56), (2024, 6, 11.32),
  (2024, 7, 11.46), (2024, 8, 11.50), (2024, 9, 11.43), (2024, 10, 11.46), (2024, 11, 11.57), (2024, 12, 11.50),
  (2025, 1, 11.49), (2025, 2, 11.25), (2025, 3, 11.03), (2025, 4, 10.94), (2025, 5, 10.93), (2025, 6, 10.98),
  (2025, 7, 11.17), (2025, 8, 11.13), (2025, 9, 11.02), (2025, 10, 10.99), (2025, 11, 10.96), (2025, 12, 10.92),
  (2026, 1, 10.90), (2026, 2, 10.88), (2026, 3, 10.91), (2026, 4, 10.93), (2026, 5, 10.95), (2026, 6, 10.94),
  (2026, 7, 10.96), (2026, 8, 10.97), (2026, 9, 10.95), (2026, 10, 10.93), (2026, 11, 10.92), (2026, 12, 10.90)
) as v(year, month, rate);

-- General checklist items per support form (a fund may add its own).
insert into grant_checklist_items (fund_id, support_form, position, label) values
  (null, null, 1, 'Sökanden är identifierad (organisationsnummer kontrollerat) och behörig firmatecknare har skrivit under.'),
  (null, null, 2, 'Frågorna om ekonomisk, social och miljömässig hållbarhet samt Agenda 2030 är besvarade.'),
  (null, null, 3, 'Tidigare stöd av mindre betydelse (de minimis) är redovisade.'),
  (null, 'investeringsbidrag', 10, 'Stödberättigande kostnader är styrkta med offerter.'),
  (null, 'investeringsbidrag', 11, 'Skäl för högre stödandel (åtgärdsprogram, samlokalisering, lagkrav) är dokumenterade, om sådana åberopas.'),
  (null, 'investeringslan', 10, 'Säkerhet och återbetalningsplan är bedömda.'),
  (null, 'servicebidrag', 10, 'Butiken har betydelse för försörjningen med dagligvaror i området.'),
  (null, 'servicebidrag', 11, 'Antal år med servicebidrag och särskilt driftstöd samma år är kontrollerade.'),
  (null, 'hemsandningsbidrag', 10, 'Kommunens nettokostnad är styrkt med bokslut eller intyg.'),
  (null, 'hemsandningsbidrag', 11, 'Antalet hemsändningar till hushåll under året är redovisat.'),
  (null, 'sarskilt_driftstod', 10, 'Avståndet till närmaste jämförbara butik är kontrollerat mot tillgänglighetsanalysen.'),
  (null, 'sarskilt_driftstod', 11, 'Butiken har öppet året runt.'),
  (null, 'sarskilt_driftstod', 12, 'Butikens årliga försäljning av dagligvaror är kontrollerad.'),
  (null, 'projektstod', 10, 'Projektet bidrar till den regionala utvecklingsstrategin och serviceprogrammet.'),
  (null, 'projektstod', 11, 'Budget och medfinansiering är rimliga och styrkta.');
