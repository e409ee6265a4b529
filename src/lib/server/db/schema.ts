import type { ColumnType, Generated } from 'kysely';
import type { ProgrammesTables } from '../programmes/tables';
import type { CasesTables } from '../cases/tables';
import type { ReportingTables } from '../reporting/tables';
import type { GrantsTables } from '../grants/tables';
import type { AnalysisTables } from '../analysis/tables';

/** Kysely's view of the schema in ./migrations. Keep in step with the SQL files. */

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export type OrganisationKind = 'region' | 'lansstyrelse' | 'municipality' | 'agency' | 'samverkansorgan' | 'other';
export type Role = 'admin' | 'editor' | 'reader';

export interface CountiesTable {
  code: string;
  name: string;
  short_name: string;
}

export interface MunicipalitiesTable {
  code: string;
  name: string;
  short_name: string;
  county_code: string;
}

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  county_code: string | null;
  municipality_code: string | null;
  diary_prefix: string | null;
  created_at: Generated<Date>;
}

export interface ProgrammePeriodsTable {
  id: string;
  start_year: number;
  end_year: number;
}

export interface ProgrammeResponsibilityTable {
  county_code: string;
  period_id: string;
  organisation_id: string;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  organisation_id: string;
  role: Role;
  password_hash: string | null;
  unit: string | null;
  title: string | null;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  name: string;
  organisation_id: string;
  role: Role;
  invited_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  client_address: string;
  at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  user_id: string | null;
  user_email: string | null;
  organisation_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  status: Generated<JobStatus>;
  organisation_id: string | null;
  created_by: string | null;
  payload: Json<Record<string, unknown>>;
  progress: Generated<number>;
  message: string | null;
  log: Json<unknown[]>;
  result: Json | null;
  error: string | null;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface FilesTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Each domain declares its own tables in <domain>/tables.ts; the database is their union. */
export interface DB extends ProgrammesTables, CasesTables, ReportingTables, GrantsTables, AnalysisTables {
  counties: CountiesTable;
  municipalities: MunicipalitiesTable;
  organisations: OrganisationsTable;
  programme_periods: ProgrammePeriodsTable;
  programme_responsibility: ProgrammeResponsibilityTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  files: FilesTable;
}
