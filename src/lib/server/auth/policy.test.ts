import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { ACTIONS, assertCan, can, type Action, type Resource } from './policy';
import { DomainError } from '../errors';
import type { OrganisationKind, Role } from '../db/schema';

function actor(kind: OrganisationKind, id: string, role: Role, countyCode: string | null, municipalityCode: string | null = null): Actor {
  return {
    user: { id: `${id}-${role}`, email: `${id}.${role}@test`, name: id, unit: null, title: null },
    organisation: { id, name: id, kind, countyCode, municipalityCode },
    role,
    via: 'session'
  };
}

const roles: Role[] = ['admin', 'editor', 'reader'];
/** One organisation of every kind that matters, inside Jämtland (23) or outside it (Västerbotten, 24). */
const orgs = {
  region23: (r: Role) => actor('region', 'region-23', r, '23'),
  region24: (r: Role) => actor('region', 'region-24', r, '24'),
  lst23: (r: Role) => actor('lansstyrelse', 'lansstyrelsen-23', r, '23'),
  ostersund: (r: Role) => actor('municipality', 'kommun-2380', r, '23', '2380'),
  stromsund: (r: Role) => actor('municipality', 'kommun-2313', r, '23', '2313'),
  umea: (r: Role) => actor('municipality', 'kommun-2480', r, '24', '2480'),
  tvv: (r: Role) => actor('agency', 'tillvaxtverket', r, null)
};
type OrgKey = keyof typeof orgs;

const resources: Record<Action, Resource> = {
  'county.readDraft': { type: 'county', countyCode: '23' },
  'county.readSubmitted': { type: 'county', countyCode: '23' },
  'county.edit': { type: 'county', countyCode: '23' },
  'county.administer': { type: 'county', countyCode: '23' },
  'rules.administer': { type: 'public' },
  'municipality.edit': { type: 'municipality', municipalityCode: '2380', countyCode: '23' },
  'organisation.act': { type: 'organisation', organisationId: 'kommun-2380' },
  'organisation.manageUsers': { type: 'organisation', organisationId: 'region-23' },
  'organisation.readAudit': { type: 'organisation', organisationId: 'region-23' },
  'self.manage': { type: 'self' },
  'national.overview': { type: 'public' }
};

/** The expected answer for every organisation × role × action on the resources above. */
const allowed: Record<Action, (org: OrgKey, role: Role) => boolean> = {
  'county.readDraft': (org) => ['region23', 'lst23', 'ostersund', 'stromsund'].includes(org),
  'county.readSubmitted': (org) => ['region23', 'lst23', 'ostersund', 'stromsund', 'tvv'].includes(org),
  'county.edit': (org, role) => org === 'region23' && role !== 'reader',
  'county.administer': (org, role) => org === 'region23' && role === 'admin',
  'rules.administer': (org, role) => ['region23', 'region24', 'tvv'].includes(org) && role === 'admin',
  'municipality.edit': (org, role) => org === 'ostersund' && role !== 'reader',
  'organisation.act': (org, role) => org === 'ostersund' && role !== 'reader',
  'organisation.manageUsers': (org, role) => org === 'region23' && role === 'admin',
  'organisation.readAudit': (org, role) => org === 'region23' && role === 'admin',
  'self.manage': () => true,
  'national.overview': (org) => org === 'tvv'
};

describe('authorization policy: every organisation × role × action', () => {
  for (const action of ACTIONS) {
    for (const org of Object.keys(orgs) as OrgKey[]) {
      for (const role of roles) {
        const expected = allowed[action](org, role);
        it(`${org} ${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
          const a = orgs[org](role);
          expect(can(a, action, resources[action] as never)).toBe(expected);
          if (expected) expect(assertCan(a, action, resources[action] as never)).toBe(a);
          else expect(() => assertCan(a, action, resources[action] as never)).toThrowError(DomainError);
        });
      }
    }
    it(`the public may not ${action}`, () => {
      expect(can(null, action, resources[action] as never)).toBe(false);
      try {
        assertCan(null, action, resources[action] as never);
        expect.unreachable();
      } catch (e) {
        expect((e as DomainError).status).toBe(401);
      }
    });
  }

  it('answers 403 (not 401) to a signed-in user without the right', () => {
    try {
      assertCan(orgs.ostersund('editor'), 'county.edit', { type: 'county', countyCode: '23' });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).status).toBe(403);
    }
  });
});
