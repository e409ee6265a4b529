import type { Generated } from 'kysely';
import type { Timestamp } from '../db/schema';

/** Kysely's view of the reporting domain's tables (migrations 0300–0399). Merged into DB in db/schema.ts. */
export interface ReportingTables {
  report_templates: { year: number; title: string };
  report_template_sections: { template_year: number; number: number; title: string; char_limit: number };
  report_template_instructions: { template_year: number; section_number: number; position: number; text: string };
  report_template_questions: {
    template_year: number;
    section_number: number;
    number: string;
    position: number;
    kind: 'text' | 'choice' | 'effects';
    text: string;
    lead: string | null;
    choices: string[] | null;
    conditional_text: string | null;
    note: string | null;
    required: Generated<boolean>;
  };
  result_reports: {
    id: Generated<string>;
    county_code: string;
    year: number;
    status: Generated<'draft' | 'ready' | 'submitted'>;
    submitted_at: Timestamp | null;
    submitted_by: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  result_report_answers: {
    report_id: string;
    question_number: string;
    text: Generated<string>;
    choice: 'yes' | 'no' | 'na' | null;
    basis: 'uppfoljning' | 'utvardering' | 'egen_bedomning' | null;
    version: number;
    updated_at: Generated<Date>;
    updated_by: string | null;
  };
  result_report_answer_versions: {
    report_id: string;
    question_number: string;
    version: number;
    text: string;
    choice: string | null;
    basis: string | null;
    saved_at: Generated<Date>;
    saved_by: string | null;
  };
  result_report_events: {
    id: Generated<number>;
    report_id: string;
    at: Generated<Date>;
    user_id: string | null;
    from_status: string;
    to_status: string;
    reason: string | null;
  };
}
