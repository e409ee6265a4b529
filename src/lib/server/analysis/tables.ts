import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../db/schema';

/** Kysely's view of the analysis domain's tables (migrations 05xx). Merged into DB in db/schema.ts. */
export type DatasetKind = 'network' | 'population' | 'service_points' | 'boundaries';
export type DatasetStatus = 'importing' | 'ready' | 'failed' | 'current' | 'retired';

export interface AnalysisDatasetsTable {
  id: Generated<string>;
  county_code: string;
  kind: DatasetKind;
  year: number;
  name: string;
  status: Generated<DatasetStatus>;
  source: string;
  generated_demo: Generated<boolean>;
  job_id: string | null;
  summary: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Generated<Date>;
  made_current_at: Timestamp | null;
  version: Generated<number>;
}

export interface AnalysisNetworkBlobsTable {
  dataset_id: string;
  bytes: Buffer;
  node_count: number;
  edge_count: number;
}

export interface AnalysisSquaresTable {
  dataset_id: string;
  square_id: string;
  size: number;
  x: number;
  y: number;
  lon: number;
  lat: number;
  population: number;
  population_70plus: number;
  municipality_code: string | null;
}

export interface AnalysisBoundariesTable {
  dataset_id: string;
  municipality_code: string;
  name: string;
  geometry: Json<unknown>;
}

export interface AnalysisServicePointsTable {
  id: Generated<string>;
  dataset_id: string;
  county_code: string;
  municipality_code: string | null;
  external_id: string | null;
  name: string;
  types: Json<string[]>;
  lon: number;
  lat: number;
  attributes: Json<Record<string, string | number | boolean>>;
  closed_from: string | null;
  source: string;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface AnalysisPointProposalsTable {
  id: Generated<string>;
  county_code: string;
  municipality_code: string;
  organisation_id: string;
  point_id: string | null;
  kind: 'add' | 'update' | 'close';
  payload: Json<Record<string, unknown>>;
  note: Generated<string>;
  status: Generated<'pending' | 'accepted' | 'rejected'>;
  created_by: string | null;
  created_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  version: Generated<number>;
}

export interface AnalysisScenariosTable {
  id: Generated<string>;
  county_code: string;
  area: string;
  service_type: string;
  name: string;
  note: Generated<string>;
  close_ids: Json<string[]>;
  additions: Json<{ lon: number; lat: number; types: string[]; name?: string }[]>;
  result: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface AnalysisGoalMeasuresTable {
  /** uuid of action_plan_goals (programmes domain). */
  goal_id: string;
  county_code: string;
  area: string;
  service_type: string;
  measure: 'shareWithinKm' | 'share70WithinKm' | 'meanKm' | 'medianKm';
  km: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface AnalysisImportFilesTable {
  dataset_id: string;
  name: string;
  bytes: Buffer;
  created_at: Generated<Date>;
}

export interface AnalysisTables {
  analysis_import_files: AnalysisImportFilesTable;
  analysis_datasets: AnalysisDatasetsTable;
  analysis_network_blobs: AnalysisNetworkBlobsTable;
  analysis_squares: AnalysisSquaresTable;
  analysis_boundaries: AnalysisBoundariesTable;
  analysis_service_points: AnalysisServicePointsTable;
  analysis_point_proposals: AnalysisPointProposalsTable;
  analysis_scenarios: AnalysisScenariosTable;
  analysis_goal_measures: AnalysisGoalMeasuresTable;
}
