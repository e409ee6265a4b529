import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { readSharedCsv, sharedDataAvailable } from '../testing/shared-data';
import { listCounties, listMunicipalities, listOrganisations } from './index';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('reference data loaded by migration', () => {
  it.runIf(sharedDataAvailable('municipalities.csv'))('has the 290 municipalities with the codes and names of the open data', async () => {
    const expected = readSharedCsv('municipalities.csv').map((r) => ({ code: r.municipality_code, name: r.municipality_name, countyCode: r.county_code }));
    const actual = await listMunicipalities(database.db);
    expect(actual).toHaveLength(290);
    expect(actual).toEqual(expected.sort((a, b) => a.code.localeCompare(b.code)));
  });

  it.runIf(sharedDataAvailable('counties.csv'))('has the 21 counties with the codes and names of the open data', async () => {
    const expected = readSharedCsv('counties.csv').map((r) => ({ code: r.county_code, name: r.county_name }));
    const actual = (await listCounties(database.db)).map(({ code, name }) => ({ code, name }));
    expect(actual).toEqual(expected.sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('names the organisation responsible for each county in 2014–2020 as Tillväxtverket listed it', async () => {
    const counties = await listCounties(database.db);
    const kindIn2014 = (code: string) => counties.find((c) => c.code === code)?.responsible.find((r) => r.period === '2014-2020')?.organisation.kind;
    const lansstyrelse = counties.filter((c) => kindIn2014(c.code) === 'lansstyrelse').map((c) => c.code);
    const region = counties.filter((c) => kindIn2014(c.code) === 'region').map((c) => c.code);
    const samverkansorgan = counties.filter((c) => kindIn2014(c.code) === 'samverkansorgan').map((c) => c.code);
    // Blekinge, Dalarna, Stockholm, Södermanland, Värmland, Västerbotten
    expect(lansstyrelse.sort()).toEqual(['01', '04', '10', '17', '20', '24']);
    // Gotland, Gävleborg, Halland, Jämtland, Jönköping, Kronoberg, Norrbotten, Skåne, Västra Götaland,
    // Västernorrland, Västmanland, Uppsala, Östergötland, Örebro
    expect(region.sort()).toEqual(['03', '05', '06', '07', '09', '12', '13', '14', '18', '19', '21', '22', '23', '25']);
    expect(samverkansorgan).toEqual(['08']);
    const jamtland = counties.find((c) => c.code === '23')!;
    expect(jamtland.responsible.find((r) => r.period === '2014-2020')?.organisation.name).toBe('Region Jämtland Härjedalen');
  });

  it('names the region of every county as responsible for 2022–2030', async () => {
    const counties = await listCounties(database.db);
    expect(counties).toHaveLength(21);
    for (const county of counties) {
      const responsible = county.responsible.find((r) => r.period === '2022-2030')!.organisation;
      expect(responsible.kind).toBe('region');
      expect(responsible.id).toBe(`region-${county.code}`);
    }
    expect(counties.find((c) => c.code === '09')!.responsible.find((r) => r.period === '2022-2030')!.organisation.name).toBe('Region Gotland');
  });

  it('has a region and a länsstyrelse per county, every municipality, and Tillväxtverket', async () => {
    const orgs = await listOrganisations(database.db);
    expect(orgs.filter((o) => o.kind === 'region')).toHaveLength(21);
    expect(orgs.filter((o) => o.kind === 'lansstyrelse')).toHaveLength(21);
    expect(orgs.filter((o) => o.kind === 'municipality')).toHaveLength(290);
    expect(orgs.filter((o) => o.kind === 'agency').map((o) => o.name)).toEqual(['Tillväxtverket']);
    expect(await listOrganisations(database.db, { kind: 'municipality', county: '23' })).toHaveLength(8);
  });
});
