import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../db/schema';

/** Kysely's view of the grants domain's tables (migrations 04xx). Merged into DB in db/schema.ts. */
type DateCol = ColumnType<string, string, string>;

export type SupportForm = 'investeringsbidrag' | 'investeringslan' | 'servicebidrag' | 'hemsandningsbidrag' | 'sarskilt_driftstod' | 'projektstod';
export type FundKind = 'commercial_service' | 'regional_fund' | 'erdf_cofinancing' | 'interreg_cofinancing' | 'project_support';
export type Regime = 'general' | 'sgei';
export type ApplicationStatus = 'received' | 'assessing' | 'granted' | 'rejected' | 'withdrawn';

export interface GrantRuleParametersTable {
  id: Generated<string>;
  key: string;
  value: number;
  valid_from: DateCol;
  valid_to: DateCol | null;
  source: string;
  changed_by: string | null;
  changed_at: Generated<Date>;
  version: Generated<number>;
}

export interface GrantExchangeRatesTable {
  month: DateCol;
  sek_per_eur: number;
  source: string;
  changed_by: string | null;
  changed_at: Generated<Date>;
  version: Generated<number>;
}

export interface GrantFundsTable {
  id: Generated<string>;
  county_code: string;
  name: string;
  kind: FundKind;
  description: Generated<string>;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface GrantFundBudgetsTable {
  fund_id: string;
  year: number;
  budget_sek: number;
  version: Generated<number>;
}

export interface GrantCallsTable {
  id: Generated<string>;
  fund_id: string;
  title: string;
  opens_on: DateCol;
  closes_on: DateCol;
  criteria: Generated<string>;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface GrantApplicationsTable {
  id: Generated<string>;
  county_code: string;
  fund_id: string;
  call_id: string | null;
  applicant_name: string;
  org_number: string;
  title: string;
  description: Generated<string>;
  support_form: SupportForm;
  support_year: number;
  received_on: DateCol;
  applied_sek: number;
  eligible_cost_sek: number | null;
  special_case: Generated<boolean>;
  strategic_store: Generated<boolean>;
  net_cost_sek: number | null;
  deliveries: number | null;
  store_name: string | null;
  service_point_id: string | null;
  stated_distance_km: number | null;
  island_without_road: Generated<boolean>;
  open_all_year: boolean | null;
  de_minimis_regime: Regime | 'none';
  sust_economic: Generated<string>;
  sust_social: Generated<string>;
  sust_environment: Generated<string>;
  sust_agenda2030: Generated<string>;
  diary_number: string | null;
  status: Generated<ApplicationStatus>;
  source: Generated<'manual' | 'import' | 'demo'>;
  external_ref: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface GrantApplicationMunicipalitiesTable {
  application_id: string;
  municipality_code: string;
}

export interface GrantApplicationFilesTable {
  application_id: string;
  file_id: string;
}

export interface GrantChecklistItemsTable {
  id: Generated<string>;
  fund_id: string | null;
  support_form: string | null;
  position: number;
  label: string;
}

export interface GrantAssessmentsTable {
  application_id: string;
  notes: Generated<string>;
  strategic_statement: Generated<string>;
  checklist: Json<Record<string, boolean>>;
  updated_by: string | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface GrantDecisionsTable {
  id: Generated<string>;
  application_id: string;
  outcome: 'granted' | 'rejected';
  amount_sek: Generated<number>;
  conditions: Generated<string>;
  decided_on: DateCol;
  first_decided_on: DateCol;
  reason: Generated<string>;
  previous_id: string | null;
  superseded_by: string | null;
  decided_by: string | null;
  created_at: Generated<Date>;
}

export interface GrantPaymentsTable {
  id: Generated<string>;
  decision_id: string;
  kind: 'request' | 'payment' | 'recovery';
  amount_sek: number;
  on_date: DateCol;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface GrantDeMinimisAidTable {
  id: Generated<string>;
  county_code: string;
  org_number: string;
  undertaking_name: string;
  regime: Regime;
  amount_sek: number;
  sek_per_eur: number;
  amount_eur_cents: number;
  decided_on: DateCol;
  granting_body: string;
  decision_id: string | null;
  replaced_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface GrantImportsTable {
  id: Generated<string>;
  county_code: string;
  file_name: string;
  file_kind: 'csv' | 'xlsx';
  bytes: Buffer;
  status: Generated<'preview' | 'imported'>;
  imported_count: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface GrantsTables {
  grant_rule_parameters: GrantRuleParametersTable;
  grant_exchange_rates: GrantExchangeRatesTable;
  grant_funds: GrantFundsTable;
  grant_fund_budgets: GrantFundBudgetsTable;
  grant_calls: GrantCallsTable;
  grant_applications: GrantApplicationsTable;
  grant_application_municipalities: GrantApplicationMunicipalitiesTable;
  grant_application_files: GrantApplicationFilesTable;
  grant_checklist_items: GrantChecklistItemsTable;
  grant_assessments: GrantAssessmentsTable;
  grant_decisions: GrantDecisionsTable;
  grant_payments: GrantPaymentsTable;
  grant_de_minimis_aid: GrantDeMinimisAidTable;
  grant_imports: GrantImportsTable;
}
