import { describe, expect, it } from 'vitest';
import { ApiClient } from './http';
import { readSharedCsv, sharedDataAvailable } from '../../src/lib/server/testing/shared-data';

const DEMO = {
  regionAdmin: 'region.admin@demo.rsp',
  region: 'region@demo.rsp',
  ostersund: 'ostersund@demo.rsp',
  stromsund: 'stromsund@demo.rsp',
  lansstyrelsen: 'lansstyrelsen@demo.rsp',
  tillvaxtverket: 'tillvaxtverket@demo.rsp'
} as const;

describe('health and reference API', () => {
  it('answers /healthz', async () => {
    const res = await new ApiClient().get('/healthz');
    expect(res).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it.runIf(sharedDataAvailable('municipalities.csv'))('lists the 290 municipalities as the open data has them', async () => {
    const res = await new ApiClient().get('/api/v1/municipalities');
    expect(res.status).toBe(200);
    const expected = readSharedCsv('municipalities.csv')
      .map((r) => ({ code: r.municipality_code, name: r.municipality_name, countyCode: r.county_code }))
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(res.json).toEqual(expected);
  });

  it('filters municipalities by county and rejects a malformed county code', async () => {
    const res = await new ApiClient().get('/api/v1/municipalities?county=23');
    expect(res.json.map((m: { name: string }) => m.name)).toContain('Östersunds kommun');
    expect(res.json).toHaveLength(8);
    const bad = await new ApiClient().get('/api/v1/municipalities?county=2%27%20or%201%3D1');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.county).toBeTruthy();
  });

  it('lists 21 counties with the responsible organisation per period', async () => {
    const res = await new ApiClient().get('/api/v1/counties');
    expect(res.json).toHaveLength(21);
    const kalmar = res.json.find((c: { code: string }) => c.code === '08');
    expect(kalmar.responsible).toEqual([
      { period: '2014-2020', organisation: { id: 'samverkansorgan-08', name: 'Regionförbundet i Kalmar län', kind: 'samverkansorgan' } },
      { period: '2022-2030', organisation: { id: 'region-08', name: 'Region Kalmar län', kind: 'region' } }
    ]);
  });

  it('lists organisations by kind', async () => {
    const res = await new ApiClient().get('/api/v1/organisations?kind=agency');
    expect(res.json).toEqual([{ id: 'tillvaxtverket', name: 'Tillväxtverket', kind: 'agency', countyCode: null, municipalityCode: null }]);
    expect((await new ApiClient().get('/api/v1/organisations?kind=<script>')).status).toBe(400);
  });

  it('serves an OpenAPI 3 document describing the endpoints', async () => {
    const res = await new ApiClient().get('/api/v1/openapi.json');
    expect(res.json.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/session', '/api/v1/me', '/api/v1/counties', '/api/v1/municipalities', '/api/v1/organisations']) {
      expect(res.json.paths[path], path).toBeDefined();
    }
    expect(res.json.paths['/api/v1/session'].post.requestBody.content['application/json'].schema.properties.email).toBeDefined();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await new ApiClient().get('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });
});

describe('session API', () => {
  it('signs every demo account in and reports who it is', async () => {
    const expected: Record<string, [string, string]> = {
      [DEMO.regionAdmin]: ['region-23', 'admin'],
      [DEMO.region]: ['region-23', 'editor'],
      [DEMO.ostersund]: ['kommun-2380', 'editor'],
      [DEMO.stromsund]: ['kommun-2313', 'editor'],
      [DEMO.lansstyrelsen]: ['lansstyrelsen-23', 'reader'],
      [DEMO.tillvaxtverket]: ['tillvaxtverket', 'reader']
    };
    for (const [email, [organisation, role]] of Object.entries(expected)) {
      const client = await ApiClient.signedIn(email);
      const me = await client.get('/api/v1/me');
      expect(me.json).toMatchObject({ user: { email }, organisation: { id: organisation }, role });
    }
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const client = new ApiClient();
    const res = await client.post('/api/v1/session', { email: DEMO.region, password: 'rsp-demo' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers 401 to bad credentials and to /me when signed out, and signs out', async () => {
    const client = new ApiClient();
    expect((await client.post('/api/v1/session', { email: DEMO.region, password: 'wrong-password' })).status).toBe(401);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    const signedIn = await ApiClient.signedIn(DEMO.region);
    expect((await signedIn.request('DELETE', '/api/v1/session')).status).toBe(200);
    expect((await signedIn.get('/api/v1/me')).status).toBe(401);
  });

  it('rejects malformed JSON, wrong types and over-long strings with 400 and field errors', async () => {
    const client = new ApiClient();
    const malformed = await client.request('POST', '/api/v1/session', undefined, '{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('bad_request');
    const wrongTypes = await client.post('/api/v1/session', { email: 42, password: ['x'] });
    expect(wrongTypes.status).toBe(400);
    expect(Object.keys(wrongTypes.json.error.fields).sort()).toEqual(['email', 'password']);
    const long = await client.post('/api/v1/session', { email: `${'a'.repeat(300)}@x.se`, password: 'x'.repeat(500) });
    expect(long.status).toBe(400);
    const injection = await client.post('/api/v1/session', { email: "x' or '1'='1@x.se", password: "' or 1=1 --" });
    expect([400, 401]).toContain(injection.status);
  });

  it('authenticates with a personal API token until it is revoked', async () => {
    const owner = await ApiClient.signedIn(DEMO.ostersund);
    const created = await owner.post('/api/v1/me/tokens', { name: 'Integrationstest' });
    expect(created.status).toBe(201);
    const viaToken = new ApiClient(created.json.token);
    expect((await viaToken.get('/api/v1/me')).json.user.email).toBe(DEMO.ostersund);
    expect((await owner.request('DELETE', `/api/v1/me/tokens/${created.json.id}`)).status).toBe(200);
    expect((await viaToken.get('/api/v1/me')).status).toBe(401);
    expect((await new ApiClient('rsp_not-a-token').get('/api/v1/me')).status).toBe(401);
  });
});

describe('authorization over HTTP: every demo role × user administration action', () => {
  const matrix: { who: keyof typeof DEMO; listRegionUsers: number; inviteToRegion: number; readRegionAudit: number }[] = [
    { who: 'regionAdmin', listRegionUsers: 200, inviteToRegion: 201, readRegionAudit: 200 },
    { who: 'region', listRegionUsers: 403, inviteToRegion: 403, readRegionAudit: 403 },
    { who: 'ostersund', listRegionUsers: 403, inviteToRegion: 403, readRegionAudit: 403 },
    { who: 'stromsund', listRegionUsers: 403, inviteToRegion: 403, readRegionAudit: 403 },
    { who: 'lansstyrelsen', listRegionUsers: 403, inviteToRegion: 403, readRegionAudit: 403 },
    { who: 'tillvaxtverket', listRegionUsers: 403, inviteToRegion: 403, readRegionAudit: 403 }
  ];
  for (const row of matrix) {
    it(`${DEMO[row.who]}: list ${row.listRegionUsers}, invite ${row.inviteToRegion}, audit ${row.readRegionAudit}`, async () => {
      const client = await ApiClient.signedIn(DEMO[row.who]);
      expect((await client.get('/api/v1/organisations/region-23/users')).status).toBe(row.listRegionUsers);
      const invite = await client.post('/api/v1/organisations/region-23/invitations', { email: `invite.${row.who}@test.rsp`, name: 'Ny kollega', role: 'reader' });
      expect(invite.status).toBe(row.inviteToRegion);
      expect((await client.get('/api/v1/organisations/region-23/audit')).status).toBe(row.readRegionAudit);
    });
  }

  it('the public gets 401 for every signed-in endpoint', async () => {
    const client = new ApiClient();
    expect((await client.get('/api/v1/organisations/region-23/users')).status).toBe(401);
    expect((await client.post('/api/v1/organisations/region-23/invitations', { email: 'p@test.rsp', name: 'P', role: 'reader' })).status).toBe(401);
    expect((await client.get('/api/v1/organisations/region-23/audit')).status).toBe(401);
    expect((await client.get('/api/v1/me/tokens')).status).toBe(401);
  });

  it('an admin changes a role with the version read, and a stale version gets 409', async () => {
    const admin = await ApiClient.signedIn(DEMO.regionAdmin);
    const users = (await admin.get('/api/v1/organisations/region-23/users')).json as { id: string; email: string; version: number }[];
    const target = users.find((u) => u.email === DEMO.region)!;
    const first = await admin.request('PATCH', `/api/v1/users/${target.id}`, { version: target.version, role: 'editor' });
    expect(first.status).toBe(200);
    const stale = await admin.request('PATCH', `/api/v1/users/${target.id}`, { version: target.version, role: 'reader' });
    expect(stale.status).toBe(409);
    expect((await admin.request('PATCH', '/api/v1/users/not-a-uuid', { version: 1 })).status).toBe(404);
    const ostersundAdmin = await ApiClient.signedIn(DEMO.ostersund);
    expect((await ostersundAdmin.request('PATCH', `/api/v1/users/${target.id}`, { version: first.json.version, role: 'reader' })).status).toBe(403);
  });

  it('an admin reads the audit log, with the role change just made', async () => {
    const admin = await ApiClient.signedIn(DEMO.regionAdmin);
    const res = await admin.get('/api/v1/organisations/region-23/audit?entity=user');
    expect(res.status).toBe(200);
    expect(res.json.rows.some((r: { action: string }) => r.action === 'update')).toBe(true);
    expect((await admin.get('/api/v1/organisations/region-23/audit?page=abc')).status).toBe(400);
  });

  it('unknown organisation ids are 404', async () => {
    const admin = await ApiClient.signedIn(DEMO.regionAdmin);
    expect((await admin.get('/api/v1/organisations/nope/users')).status).toBe(404);
  });
});
