import type { Queryable } from '../db';
import type { OrganisationKind } from '../db/schema';
import { notFound } from '../errors';

/** Counties, municipalities and organisations: public reference data, readable by everyone. */

export interface OrganisationRef {
  id: string;
  name: string;
  kind: OrganisationKind;
}

export interface CountyView {
  code: string;
  name: string;
  responsible: { period: string; organisation: OrganisationRef }[];
}

export async function listCounties(db: Queryable): Promise<CountyView[]> {
  const counties = await db.selectFrom('counties').select(['code', 'name']).orderBy('code').execute();
  const responsibility = await db
    .selectFrom('programme_responsibility as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.county_code', 'r.period_id', 'o.id', 'o.name', 'o.kind'])
    .orderBy('r.period_id')
    .execute();
  return counties.map((c) => ({
    code: c.code,
    name: c.name,
    responsible: responsibility
      .filter((r) => r.county_code === c.code)
      .map((r) => ({ period: r.period_id, organisation: { id: r.id, name: r.name, kind: r.kind } }))
  }));
}

export async function getCounty(db: Queryable, code: string) {
  const county = (await listCounties(db)).find((c) => c.code === code);
  if (!county) throw notFound();
  const [municipalities, organisations] = await Promise.all([
    listMunicipalities(db, code),
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'kind'])
      .where('county_code', '=', code)
      .where('kind', '!=', 'municipality')
      .orderBy('kind')
      .orderBy('name')
      .execute()
  ]);
  return { ...county, municipalities, organisations };
}

export interface MunicipalityView {
  code: string;
  name: string;
  countyCode: string;
}

export async function listMunicipalities(db: Queryable, countyCode?: string): Promise<MunicipalityView[]> {
  let query = db.selectFrom('municipalities').select(['code', 'name', 'county_code']).orderBy('code');
  if (countyCode) query = query.where('county_code', '=', countyCode);
  const rows = await query.execute();
  return rows.map((r) => ({ code: r.code, name: r.name, countyCode: r.county_code }));
}

export interface OrganisationView extends OrganisationRef {
  countyCode: string | null;
  municipalityCode: string | null;
}

export async function listOrganisations(
  db: Queryable,
  filter: { kind?: OrganisationKind; county?: string } = {}
): Promise<OrganisationView[]> {
  let query = db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'county_code', 'municipality_code'])
    .orderBy('kind')
    .orderBy('name');
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.county) query = query.where('county_code', '=', filter.county);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, countyCode: r.county_code, municipalityCode: r.municipality_code }));
}

export async function getOrganisation(db: Queryable, id: string): Promise<OrganisationView> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'county_code', 'municipality_code'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return { id: row.id, name: row.name, kind: row.kind, countyCode: row.county_code, municipalityCode: row.municipality_code };
}
