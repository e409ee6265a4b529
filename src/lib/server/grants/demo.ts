import type { DemoStep } from '../demo/types';
import type { Queryable } from '../db';
import { recordAudit } from '../audit';
import { insertApplication } from './service';
import { orgNumberGenerator } from './orgnr';
import { sekToEurCents } from './rules';
import { defaultRegime } from './schemas';
import type { FundKind, SupportForm } from './tables';

/**
 * Demo content of the grants domain for Jämtlands län (23), in our own words. Applicants are invented and
 * their organisationsnummer are generated from fixed seeds (valid check digit, not real organisations'):
 * companies in the 55-series, associations in the 80-series, a demo number in the unused 2199-series for
 * the municipality. The figures match what the region reported for 2024: Landsbygdspotten 22 applications
 * of which 11 granted, in Strömsund, Ragunda, Härjedalen, Östersund and Krokom; regional co-financing of
 * 10 ERDF projects totalling 19 873 598 kr; 1 Interreg Sverige–Norge project of 2 569 697 kr; and support
 * to commercial service in all eight municipalities.
 */
export const DEMO_ERDF_TOTAL = 19_873_598;
export const DEMO_INTERREG_TOTAL = 2_569_697;

const COUNTY = '23';
const companies = orgNumberGenerator(230_001, '55');
const associations = orgNumberGenerator(230_002, '80');
const municipalityNumbers = orgNumberGenerator(230_003, '2199');

interface DemoApplication {
  applicant: string;
  orgNumber: string;
  title: string;
  form: SupportForm;
  municipalities: string[];
  received: string;
  applied: number;
  year?: number;
  decision?: { outcome: 'granted' | 'rejected'; amount: number; on: string };
  callId?: string;
  extra?: Partial<{ eligibleCostSek: number; specialCase: boolean; strategicStore: boolean; netCostSek: number; deliveries: number; storeName: string; statedDistanceKm: number; openAllYear: boolean; diaryNumber: string }>;
  sust?: [string, string, string, string];
  payments?: { amount: number; on: string }[];
}

const RATE_CACHE = new Map<string, number>();
async function rate(trx: Queryable, date: string): Promise<number> {
  const month = `${date.slice(0, 7)}-01`;
  if (!RATE_CACHE.has(month)) {
    const row = await trx.selectFrom('grant_exchange_rates').select('sek_per_eur').where('month', '=', month).executeTakeFirstOrThrow();
    RATE_CACHE.set(month, Number(row.sek_per_eur));
  }
  return RATE_CACHE.get(month)!;
}

async function fund(trx: Queryable, name: string, kind: FundKind, description: string, budgets: [number, number][]): Promise<string> {
  const row = await trx.insertInto('grant_funds').values({ county_code: COUNTY, name, kind, description }).returning('id').executeTakeFirstOrThrow();
  for (const [year, budget] of budgets) await trx.insertInto('grant_fund_budgets').values({ fund_id: row.id, year, budget_sek: budget }).execute();
  await recordAudit(trx, null, { action: 'create', entity: 'grantFund', entityId: row.id, organisationId: 'region-23', after: { name, kind, source: 'demo' } });
  return row.id;
}

async function add(trx: Queryable, fundId: string, a: DemoApplication, decidedBy: string | null): Promise<string> {
  const sust = a.sust ?? ['', '', '', ''];
  const id = await insertApplication(
    trx,
    null,
    COUNTY,
    {
      fundId,
      callId: a.callId,
      applicantName: a.applicant,
      orgNumber: a.orgNumber,
      title: a.title,
      description: '',
      supportForm: a.form,
      supportYear: a.year ?? Number(a.received.slice(0, 4)),
      receivedOn: a.received,
      appliedSek: a.applied,
      municipalities: a.municipalities,
      eligibleCostSek: a.extra?.eligibleCostSek,
      specialCase: a.extra?.specialCase ?? false,
      strategicStore: a.extra?.strategicStore ?? false,
      netCostSek: a.extra?.netCostSek,
      deliveries: a.extra?.deliveries,
      storeName: a.extra?.storeName,
      servicePointId: undefined,
      statedDistanceKm: a.extra?.statedDistanceKm,
      island: false,
      openAllYear: a.extra?.openAllYear ?? false,
      regime: undefined,
      sustEconomic: sust[0],
      sustSocial: sust[1],
      sustEnvironment: sust[2],
      sustAgenda2030: sust[3],
      diaryNumber: a.extra?.diaryNumber
    },
    'demo'
  );
  if (!a.decision) return id;
  const d = a.decision;
  await trx.updateTable('grant_applications').set({ status: d.outcome }).where('id', '=', id).execute();
  const decision = await trx
    .insertInto('grant_decisions')
    .values({ application_id: id, outcome: d.outcome, amount_sek: d.outcome === 'granted' ? d.amount : 0, decided_on: d.on, first_decided_on: d.on, conditions: d.outcome === 'granted' ? 'Stödet betalas ut mot rekvisition med redovisade kostnader.' : '', previous_id: null, decided_by: decidedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  const regime = defaultRegime(a.form);
  if (d.outcome === 'granted' && regime !== 'none') {
    const r = await rate(trx, d.on);
    await trx
      .insertInto('grant_de_minimis_aid')
      .values({ county_code: COUNTY, org_number: a.orgNumber, undertaking_name: a.applicant, regime, amount_sek: d.amount, sek_per_eur: r, amount_eur_cents: sekToEurCents(d.amount, r), decided_on: d.on, granting_body: 'Region Jämtland Härjedalen', decision_id: decision.id, created_by: decidedBy })
      .execute();
  }
  for (const p of a.payments ?? []) {
    await trx.insertInto('grant_payments').values({ decision_id: decision.id, kind: 'payment', amount_sek: p.amount, on_date: p.on, created_by: decidedBy }).execute();
  }
  await recordAudit(trx, null, { action: 'decide', entity: 'grantDecision', entityId: decision.id, organisationId: 'region-23', after: { applicationId: id, ...d, source: 'demo' } });
  return id;
}

const LANDSBYGD: [string, string, string, number, number | null][] = [
  // applicant, title, municipality, applied, granted (null = rejected)
  ['Byalaget Norrån', 'Brygga och rökeri för lokal fiskförädling', '2313', 160_000, 140_000],
  ['Föreningen Vävstugan', 'Textilhelg med kurser och marknad i fjällbyn', '2361', 90_000, 85_000],
  ['Sjöbygdens kulturförening', 'Musikdagar vid sjön med lokala utställare', '2303', 150_000, 120_000],
  ['Ådalens besöksnätverk', 'Gemensam vinterpaketering för små turismföretag', '2303', 110_000, 98_000],
  ['Hembygdsföreningen Östra Tjärn', 'Digital guidning längs kulturstigen', '2380', 70_000, 64_500],
  ['Bygdegårdsföreningen Västerhöjd', 'Mötesplats och servicedisk i bygdegården', '2309', 200_000, 200_000],
  ['Fiskevårdsområdet Nedre Lången', 'Biotopvård och fiskeguider för besökare', '2313', 180_000, 150_000],
  ['Fjällhantverkarna ek. för.', 'Försäljningskanal för slöjd och hantverk', '2361', 95_000, 75_000],
  ['Skidspårsföreningen Norrbacken', 'Tävlingshelg som lockar besökare till byn', '2380', 60_000, 56_000],
  ['Kooperativet Lokalmat Mitt', 'Gemensam kyllogistik för småskaliga matproducenter', '2309', 140_000, 110_000],
  ['Byföreningen Granåsen', 'Laddplats och informationstavla vid byns butik', '2303', 145_000, 132_500],
  ['Stugföreningen Tallnäs', 'Uthyrningsportal för fritidshus', '2380', 120_000, null],
  ['Kulturnätverket Mellanbygd', 'Turnerande teater i bygdegårdar', '2309', 175_000, null],
  ['Jaktvårdskretsen Södra', 'Viltvårdsdag för allmänheten', '2361', 40_000, null],
  ['Föreningen Fjällsommar', 'Sommarkonserter i kapellet', '2361', 85_000, null],
  ['Idrottsföreningen Älvbacken', 'Renovering av omklädningsrum', '2303', 250_000, null],
  ['Ungdomsrådet Storbyn', 'Lokal för ungdomsverksamhet', '2313', 130_000, null],
  ['Bystugan Norrgård', 'Nytt kök i bystugan', '2313', 95_000, null],
  ['Hantverksgruppen Ängen', 'Studieresa för hantverkare', '2380', 55_000, null],
  ['Fotoklubben Fjällljus', 'Fotoutställning om landsbygden', '2309', 35_000, null],
  ['Skoterklubben Östra', 'Ny ledsträckning mellan byarna', '2361', 220_000, null],
  ['Marknadsföreningen Torget', 'Julmarknad med lokala producenter', '2380', 45_000, null]
];

const ERDF: [string, string, number, string[]][] = [
  ['Mittlänets innovationsnod ek. för.', 'Testbädd för digitala tjänster på landsbygden', 3_150_000, ['2380', '2309', '2321']],
  ['Stiftelsen Fjällforskning Demo', 'Kompetenslyft för besöksnäringen i fjällen', 2_480_000, ['2321', '2361']],
  ['Biobaserat Centrum Jämtland Demo AB', 'Förädling av restflöden från skogen', 2_960_000, ['2305', '2380']],
  ['Företagsfabriken Nord Demo', 'Affärsutveckling för företag i glesbygd', 1_875_000, ['2303', '2305', '2309', '2313', '2321', '2326', '2361', '2380']],
  ['Energiskiftet Mitt Demo', 'Energieffektivisering i små företag', 2_210_000, ['2313', '2303']],
  ['Cirkulära Jämtland Demo', 'Cirkulära affärsmodeller för tillverkare', 1_640_000, ['2380']],
  ['Digitalt Näringsliv Demo ek. för.', 'E-handel för lanthandlare och producenter', 1_320_000, ['2326', '2361', '2305']],
  ['Exportnätverket Mitt Demo', 'Exportmognad för livsmedelsföretag', 1_090_000, ['2380', '2309']],
  ['Kreativa Näringar Demo', 'Affärsstöd för kulturella och kreativa företag', 1_480_000, ['2321', '2380']],
  ['Logistiklabbet Demo AB', 'Samordnade varutransporter till glesbygdens butiker', 0, ['2313', '2326', '2303']]
];

export const demo: DemoStep = async (trx, context) => {
  const officer = context.users['region@demo.rsp'] ?? null;
  RATE_CACHE.clear();
  const commercial = await fund(trx, 'Stöd till kommersiell service', 'commercial_service', 'Stöd enligt förordning (2000:284) till butiker och kommuner för att behålla tillgången till dagligvaror och drivmedel.', [[2024, 6_000_000], [2025, 6_500_000]]);
  const landsbygd = await fund(trx, 'Landsbygdspotten', 'regional_fund', 'Regionens egen fond för mindre projekt som förenar landsbygdsutveckling och näringsliv. Finansieras ur regionens budget.', [[2024, 1_500_000], [2025, 1_500_000]]);
  const erdf = await fund(trx, 'Regional medfinansiering av Regionalfondsprojekt', 'erdf_cofinancing', 'Medfinansiering ur anslag 1:1 av projekt inom Regionalfondens program för Mellersta Norrland.', [[2024, 22_000_000]]);
  const interreg = await fund(trx, 'Interreg Sverige–Norge, regional medfinansiering', 'interreg_cofinancing', 'Medfinansiering ur anslag 1:1 av projekt inom Interreg Sverige–Norge.', [[2024, 4_000_000]]);
  await fund(trx, 'Projektstöd anslag 1:1', 'project_support', 'Projektmedel ur det regionala utvecklingsanslaget.', [[2024, 12_000_000]]);

  const call2024 = await trx
    .insertInto('grant_calls')
    .values({ fund_id: landsbygd, title: 'Landsbygdspotten 2024', opens_on: '2024-01-15', closes_on: '2024-10-31', criteria: 'Projektet ska stärka ett litet lokalt initiativ, knyta landsbygdens behov till regional utveckling och beskriva sin ekonomiska, sociala och miljömässiga hållbarhet. Geografisk spridning och mindre aktörer prioriteras.' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('grant_calls')
    .values({ fund_id: landsbygd, title: 'Landsbygdspotten 2025', opens_on: '2025-01-15', closes_on: '2025-10-31', criteria: 'Som 2024, med särskilt fokus på insatser i kommuner som fått få beviljade projekt.' })
    .execute();
  await trx.insertInto('grant_checklist_items').values([
    { fund_id: landsbygd, support_form: null, position: 20, label: 'Projektet har en tydlig koppling mellan landsbygdens behov och regional utveckling.' },
    { fund_id: landsbygd, support_form: null, position: 21, label: 'Geografisk spridning och mindre aktörer är beaktade.' }
  ]).execute();

  const sust: [string, string, string, string] = [
    'Projektet ger lokala företag nya intäkter och kan drivas vidare utan stöd efter projekttiden.',
    'Styrgruppen har jämn könsfördelning och aktiviteterna är öppna för nyanlända i bygden.',
    'Resor samordnas och material återanvänds.',
    'Bidrar till mål 8 (anständiga arbetsvillkor och ekonomisk tillväxt) och mål 11 (hållbara samhällen).'
  ];
  for (const [i, [applicant, title, municipality, applied, granted]] of LANDSBYGD.entries()) {
    const received = `2024-${String(2 + (i % 8)).padStart(2, '0')}-${String(5 + (i % 20)).padStart(2, '0')}`;
    const on = `2024-${String(4 + (i % 8)).padStart(2, '0')}-${String(10 + (i % 15)).padStart(2, '0')}`;
    await add(trx, landsbygd, {
      callId: call2024.id,
      applicant,
      orgNumber: associations(),
      title,
      form: 'projektstod',
      municipalities: [municipality],
      received,
      applied,
      decision: { outcome: granted === null ? 'rejected' : 'granted', amount: granted ?? 0, on },
      extra: { diaryNumber: `RUN/${300 + i}/2024` },
      sust,
      payments: granted && i % 3 === 0 ? [{ amount: Math.round(granted / 2), on: '2024-11-20' }] : []
    }, officer);
  }

  const erdfKnown = ERDF.reduce((s, e) => s + e[2], 0);
  for (const [i, [applicant, title, amount, municipalities]] of ERDF.entries()) {
    const value = amount || DEMO_ERDF_TOTAL - erdfKnown;
    await add(trx, erdf, {
      applicant,
      orgNumber: associations(),
      title,
      form: 'projektstod',
      municipalities,
      received: `2024-${String(1 + i).padStart(2, '0')}-15`,
      applied: value,
      decision: { outcome: 'granted', amount: value, on: `2024-${String(2 + i).padStart(2, '0')}-20` },
      extra: { diaryNumber: `RUN/${500 + i}/2024` },
      sust
    }, officer);
  }
  await add(trx, interreg, {
    applicant: 'Gränsbygdens kulturnätverk Demo',
    orgNumber: associations(),
    title: 'Samisk och nordisk kultur som besöksmål över gränsen',
    form: 'projektstod',
    municipalities: ['2321', '2309', '2313'],
    received: '2024-03-04',
    applied: DEMO_INTERREG_TOTAL,
    decision: { outcome: 'granted', amount: DEMO_INTERREG_TOTAL, on: '2024-06-11' },
    extra: { diaryNumber: 'RUN/612/2024' },
    sust
  }, officer);

  // Support to commercial service in every municipality of the county, each within the rules.
  const shop = (name: string) => ({ storeName: name, openAllYear: true });
  const commercialApps: DemoApplication[] = [
    { applicant: 'Handelsboden i Ammerån AB', orgNumber: companies(), title: 'Särskilt driftstöd 2024', form: 'sarskilt_driftstod', municipalities: ['2303'], received: '2024-02-12', applied: 260_000, decision: { outcome: 'granted', amount: 240_000, on: '2024-04-18' }, extra: { ...shop('Handelsboden Ammerån'), statedDistanceKm: 16.5 }, payments: [{ amount: 240_000, on: '2024-09-30' }] },
    { applicant: 'Lanthandeln Gimdalen AB', orgNumber: companies(), title: 'Servicebidrag för byns enda butik', form: 'servicebidrag', municipalities: ['2305'], received: '2024-03-01', applied: 180_000, decision: { outcome: 'granted', amount: 180_000, on: '2024-05-07' }, extra: shop('Lanthandeln Gimdalen') },
    { applicant: 'Byhandeln Föllinge Demo AB', orgNumber: companies(), title: 'Nya kyl- och frysdiskar', form: 'investeringsbidrag', municipalities: ['2309'], received: '2024-02-20', applied: 200_000, decision: { outcome: 'granted', amount: 200_000, on: '2024-04-02' }, extra: { ...shop('Byhandeln Föllinge'), eligibleCostSek: 400_000 }, payments: [{ amount: 200_000, on: '2024-08-15' }] },
    { applicant: 'Handlarn i Hoting Demo AB', orgNumber: companies(), title: 'Särskilt driftstöd 2024', form: 'sarskilt_driftstod', municipalities: ['2313'], received: '2024-01-30', applied: 250_000, decision: { outcome: 'granted', amount: 250_000, on: '2024-03-21' }, extra: { ...shop('Handlarn Hoting'), statedDistanceKm: 23 } },
    { applicant: 'Gäddede Livs Demo AB', orgNumber: companies(), title: 'Ombyggnad för apoteksombud och paketutlämning', form: 'investeringsbidrag', municipalities: ['2313'], received: '2024-04-08', applied: 255_000, decision: { outcome: 'granted', amount: 255_000, on: '2024-06-13' }, extra: { ...shop('Gäddede Livs'), eligibleCostSek: 300_000, specialCase: true } },
    { applicant: 'Fjällbutiken Storlien Demo AB', orgNumber: companies(), title: 'Servicebidrag, butik av strategisk betydelse', form: 'servicebidrag', municipalities: ['2321'], received: '2024-02-05', applied: 300_000, decision: { outcome: 'granted', amount: 300_000, on: '2024-04-25' }, extra: { ...shop('Fjällbutiken Storlien'), strategicStore: true } },
    { applicant: 'Lanthandeln Ljungdalen Demo AB', orgNumber: companies(), title: 'Särskilt driftstöd 2024', form: 'sarskilt_driftstod', municipalities: ['2326'], received: '2024-03-15', applied: 180_000, decision: { outcome: 'granted', amount: 180_000, on: '2024-05-28' }, extra: { ...shop('Lanthandeln Ljungdalen'), statedDistanceKm: 31 } },
    { applicant: 'Tännäs Handel Demo AB', orgNumber: companies(), title: 'Drivmedelsautomat vid butiken', form: 'investeringsbidrag', municipalities: ['2361'], received: '2024-05-06', applied: 120_000, decision: { outcome: 'granted', amount: 120_000, on: '2024-08-22' }, extra: { ...shop('Tännäs Handel'), eligibleCostSek: 260_000 } },
    { applicant: 'Byakiosken Orrviken Demo AB', orgNumber: companies(), title: 'Servicebidrag för året', form: 'servicebidrag', municipalities: ['2380'], received: '2024-03-11', applied: 150_000, decision: { outcome: 'granted', amount: 150_000, on: '2024-05-16' }, extra: shop('Byakiosken Orrviken') }
  ];
  for (const a of commercialApps) await add(trx, commercial, { ...a, sust }, officer);

  // One municipality's home delivery: last year's grant, and this year's application awaiting assessment.
  const bergOrg = municipalityNumbers();
  await add(trx, commercial, {
    applicant: 'Bergs kommun',
    orgNumber: bergOrg,
    title: 'Hemsändning av dagligvaror 2023',
    form: 'hemsandningsbidrag',
    year: 2023,
    municipalities: ['2326'],
    received: '2024-02-02',
    applied: 110_000,
    decision: { outcome: 'granted', amount: 110_000, on: '2024-03-12' },
    extra: { netCostSek: 260_000, deliveries: 1_100, diaryNumber: 'RUN/88/2024' },
    payments: [{ amount: 110_000, on: '2024-04-30' }]
  }, officer);
  const pending = await add(trx, commercial, {
    applicant: 'Bergs kommun',
    orgNumber: bergOrg,
    title: 'Hemsändning av dagligvaror 2024',
    form: 'hemsandningsbidrag',
    year: 2024,
    municipalities: ['2326'],
    received: '2025-02-10',
    applied: 180_000,
    extra: { netCostSek: 400_000, deliveries: 1_500, diaryNumber: 'RUN/95/2025' },
    sust: [
      'Hemsändningen gör det möjligt för butikerna i kommunens västra delar att behålla kunder året runt.',
      'Äldre och personer utan bil kan bo kvar och handla själva; leveranserna görs av butikernas egen personal.',
      'Leveranserna samordnas i fasta turer, vilket ersätter många enskilda bilresor.',
      'Bidrar till mål 10 (minskad ojämlikhet) och mål 11 (hållbara städer och samhällen).'
    ]
  }, officer);
  context.ids['grants.homeDeliveryPending'] = pending;
  context.ids['grants.homeDeliveryOrg'] = bergOrg;
};
