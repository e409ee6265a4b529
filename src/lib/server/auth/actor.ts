import type { OrganisationKind, Role } from '../db/schema';

/** Who is acting: a signed-in user with the organisation and role they act in. The public is `null`. */
export interface Actor {
  user: { id: string; email: string; name: string; unit: string | null; title: string | null };
  organisation: {
    id: string;
    name: string;
    kind: OrganisationKind;
    countyCode: string | null;
    municipalityCode: string | null;
  };
  role: Role;
  /** How the request proved who it is; the session layer does not care beyond this. */
  via: 'session' | 'token';
}

export type MaybeActor = Actor | null;
