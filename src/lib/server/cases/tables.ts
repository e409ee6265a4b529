import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

/** Kysely's view of the cases domain's tables (migrations 0200–0299). Merged into DB in db/schema.ts. */
export interface CasesTables {
  cases: {
    id: Generated<string>;
    organisation_id: string;
    county_code: string;
    register: string;
    running_number: number;
    year: number;
    diary_number: string;
    title: string;
    opened: string;
    unit: string | null;
    case_officer_id: string | null;
    status: Generated<'open' | 'closed'>;
    programme_id: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  case_links: { case_id: string; record_kind: 'programme' | 'programmeVersion' | 'actionPlan'; record_id: string; title: string };
  case_documents: {
    id: Generated<string>;
    case_id: string;
    file_id: string;
    title: string;
    public: Generated<boolean>;
    added_by: string | null;
    added_at: Generated<Date>;
  };
  decisions: {
    id: Generated<string>;
    case_id: string;
    title: string;
    decision_date: string;
    maker_kind: 'body' | 'delegate';
    maker: string;
    paragraph: string | null;
    description: Generated<string>;
    delegation: string | null;
    reported_to: string | null;
    reported_on: string | null;
    signed_at: Timestamp | null;
    signed_by: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  decision_basis: { decision_id: string; position: number; label: string; document_id: string | null; record_kind: string | null; record_id: string | null };
  decision_points: { decision_id: string; number: number; text: string; adopts_kind: 'actionPlan' | 'programmeVersion' | null; adopts_id: string | null };
  decision_distribution: { decision_id: string; organisation_id: string };
  process_plans: {
    id: Generated<string>;
    programme_id: string;
    case_id: string | null;
    organisation_id: string;
    county_code: string;
    title: string;
    plan_date: string;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  process_plan_roles: { plan_id: string; position: number; role: string; who: string; task: string };
  process_plan_milestones: {
    plan_id: string;
    position: number;
    starts: string;
    ends: string | null;
    precision: Generated<'day' | 'month'>;
    title: string;
    decided_by: string | null;
    done: Generated<boolean>;
  };
  consultations: {
    id: Generated<string>;
    organisation_id: string;
    county_code: string;
    case_id: string | null;
    programme_id: string | null;
    programme_version_id: string | null;
    title: string;
    sent_on: string;
    deadline: string;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  consultation_chapters: { consultation_id: string; position: number; title: string };
  consultation_recipients: { consultation_id: string; organisation_id: string };
  consultation_reminders: { id: Generated<string>; consultation_id: string; organisation_id: string; sent_at: Generated<Date>; recorded_by: string | null };
  consultation_answers: {
    id: Generated<string>;
    consultation_id: string;
    organisation_id: string;
    general_comment: Generated<string>;
    file_id: string | null;
    status: Generated<'draft' | 'submitted'>;
    submitted_at: Timestamp | null;
    submitted_by: string | null;
    version: Generated<number>;
  };
  consultation_answer_comments: { answer_id: string; chapter_position: number; comment: string };
}
