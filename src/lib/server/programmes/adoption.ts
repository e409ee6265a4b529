import type { Queryable } from '../db';
import type { Actor } from '../auth/actor';

/**
 * The seam between decisions (cases) and the records they adopt. A signed decision point that adopts an
 * action plan or a programme version calls these inside the decision's transaction, so signing and
 * adopting commit together. Filled in by the programme work; the cases work calls them.
 */
export interface AdoptionDecision {
  decisionId: string;
  /** ISO date of the decision. */
  date: string;
  /** Deciding body, e.g. "Regionala utvecklingsnämnden" — or, by delegation, the title, e.g. "Regional utvecklingsdirektör". */
  decidedBy: string;
  /** Paragraph, e.g. "§ 89"; null for a delegation decision. */
  paragraph: string | null;
  /** The delegating decision, e.g. "Regionala utvecklingsnämndens beslut § 89/2023"; null when not by delegation. */
  delegation: string | null;
}

export type AdoptableKind = 'actionPlan' | 'programmeVersion';

export interface AdoptableRecord {
  kind: AdoptableKind;
  id: string;
  /** How the record is named in a decision point, e.g. "Handlingsplan 2023 för Regionalt serviceprogram Jämtland Härjedalen". */
  title: string;
  countyCode: string;
  adopted: boolean;
}

/** Records of a county that a decision could adopt (for the decision form). */
export async function adoptableRecords(_db: Queryable, _countyCode: string): Promise<AdoptableRecord[]> {
  return [];
}

/** Adopts (fastställer) the record and freezes that version. Throws a DomainError if it cannot be adopted. */
export async function adoptRecordInTx(_trx: Queryable, _actor: Actor, _record: { kind: AdoptableKind; id: string }, _decision: AdoptionDecision): Promise<void> {
  throw new Error('adoption is not implemented yet');
}
