/** Kysely's view of the reporting domain's tables (migrations in db/migrations). Merged into DB in db/schema.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportingTables {}
