import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../db/schema';

/**
 * Kysely's view of the programmes domain's tables (migration 0100_programmes.sql). Merged into DB in db/schema.ts.
 *
 * For other domains:
 * - `programmes.id`, `programme_versions.id` and `action_plans.id` are uuids; cases refer to them as text.
 * - `action_plan_goals` holds the measurable goals (uppföljningsbara mål) of an intervention, one row per
 *   goal with a stable uuid `id`: indicator, unit, baseline, target, target date. The analysis domain may
 *   bind a goal to one of its measures in its own table (`goal_id uuid references action_plan_goals(id)`)
 *   and register a lookup in `measures.ts` so the follow-up shows the measured value beside the target.
 *   Editing an intervention keeps the ids of the goals it keeps.
 */

export type ProgrammeVersionStatus = 'draft' | 'consultation' | 'adopted';
export type ActionPlanStatus = 'draft' | 'adopted';
export type FollowUpStatus = 'in_progress' | 'submitted';
export type InterventionOutcome = 'genomford' | 'delvis' | 'ej_genomford' | 'pagar';

export interface SwotContent {
  strengths: string[];
  weaknesses: string[];
  opportunities: string[];
  threats: string[];
}

export interface ProgrammeContent {
  background: string;
  steeringDocuments: { title: string; diaryNumber: string | null }[];
  analysis: string;
  structuralFigures: { label: string; value: string; source: string }[];
  swot: SwotContent;
  goals: { code: string; title: string; description: string; indicators: { name: string; unit: string; baseline: number | null; target: number; targetYear: number | null }[] }[];
  priorities: { title: string; text: string }[];
  implementation: string;
}

export interface MunicipalIntervention {
  title: string;
  description: string;
  responsible: string;
  timing: string;
}

export interface ProgrammesTables {
  programmes: {
    id: Generated<string>;
    county_code: string;
    organisation_id: string;
    period_start: number;
    period_end: number;
    title: string;
    created_at: Generated<Date>;
  };
  programme_versions: {
    id: Generated<string>;
    programme_id: string;
    number: number;
    status: Generated<ProgrammeVersionStatus>;
    content: Json<ProgrammeContent>;
    adopted_date: string | null;
    adopted_by: string | null;
    adopted_paragraph: string | null;
    adopted_delegation: string | null;
    decision_id: string | null;
    decision_reference: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    version: Generated<number>;
  };
  action_plans: {
    id: Generated<string>;
    programme_id: string;
    year: number;
    status: Generated<ActionPlanStatus>;
    introduction: Generated<string>;
    adopted_date: string | null;
    adopted_by: string | null;
    adopted_paragraph: string | null;
    adopted_delegation: string | null;
    decision_id: string | null;
    decision_reference: string | null;
    carried_from_plan_id: string | null;
    created_at: Generated<Date>;
    version: Generated<number>;
  };
  action_plan_interventions: {
    id: Generated<string>;
    plan_id: string;
    position: number;
    title: string;
    description: Generated<string>;
    goal_codes: Json<string[]>;
    responsible_organisation_ids: Json<string[]>;
    responsible_role: string | null;
    partners: Json<string[]>;
    start_date: string | null;
    end_date: string | null;
    budget_sek: number | null;
    funding_source: string | null;
    carried_from_id: string | null;
    version: Generated<number>;
  };
  action_plan_goals: {
    id: Generated<string>;
    intervention_id: string;
    position: number;
    indicator: string;
    unit: string;
    baseline: number | null;
    target: number;
    target_date: string | null;
  };
  follow_ups: {
    id: Generated<string>;
    plan_id: string;
    status: Generated<FollowUpStatus>;
    summary: Generated<string>;
    lessons: Generated<string>;
    submitted_at: Timestamp | null;
    submitted_date: string | null;
    submitted_by: string | null;
    board_reported_date: string | null;
    board_reference: string | null;
    created_at: Generated<Date>;
    version: Generated<number>;
  };
  follow_up_interventions: {
    follow_up_id: string;
    intervention_id: string;
    status: InterventionOutcome | null;
    comment: Generated<string>;
  };
  follow_up_outcomes: {
    follow_up_id: string;
    goal_id: string;
    outcome: number | null;
    comment: Generated<string>;
  };
  municipal_service_plans: {
    id: Generated<string>;
    municipality_code: string;
    programme_id: string | null;
    title: string;
    period_start: number;
    period_end: number;
    adopted_date: string | null;
    local_analysis: Generated<string>;
    swot: Json<SwotContent>;
    priorities: Json<string[]>;
    interventions: Json<MunicipalIntervention[]>;
    updated_at: Generated<Date>;
    version: Generated<number>;
  };
  networks: {
    id: Generated<string>;
    county_code: string;
    convener_id: string;
    name: string;
    description: Generated<string>;
    created_at: Generated<Date>;
  };
  network_members: {
    network_id: string;
    organisation_id: string;
    role: Generated<string>;
  };
  network_meetings: {
    id: Generated<string>;
    network_id: string;
    date: string;
    place: Generated<string>;
    agenda: Generated<string>;
    minutes: Generated<string>;
    version: Generated<number>;
  };
}
