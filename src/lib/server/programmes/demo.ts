import type { Db } from '../db';
import type { DemoStep } from '../demo/types';
import { recordAudit } from '../audit';
import { json } from './core';
import type { InterventionOutcome, ProgrammeContent } from './tables';

/**
 * Demo content of the programmes domain: Region Jämtland Härjedalen's programme 2023–2030 with its action
 * plans 2023 and 2024, the follow-ups, two municipal service plans and the Service Z network. Written for
 * this product; facts (dates, diary numbers, organisations) follow the seed documents, the wording is ours.
 *
 * Ids left in `context.ids` for later steps:
 * - `programme.23` — the programme 2023–2030
 * - `programmeVersion.23.consultation` — version 1 (remissutgåvan, on consultation Nov 2022–Feb 2023)
 * - `programmeVersion.23.adopted` — version 2, adopted 2023-05-23 § 89
 * - `actionPlan.23.2023`, `actionPlan.23.2024` — both adopted by the delegation decision of 2023-10-24
 * - `followUp.23.2023` (submitted), `followUp.23.2024` (in progress)
 * - `network.23.serviceZ`
 */

const KOMMUNER = ['kommun-2303', 'kommun-2305', 'kommun-2309', 'kommun-2313', 'kommun-2321', 'kommun-2326', 'kommun-2361', 'kommun-2380'];

const CONTENT: ProgrammeContent = {
  background:
    'Regeringen erbjöd i oktober 2021 regionerna att ta fram och genomföra regionala serviceprogram. Jämtlands län hade ett program fram till 2020 som Länsstyrelsen tog fram 2014; erfarenheten är att ett gemensamt program har hjälpt länet att behålla butiker och service på landsbygden och byggt ett fungerande samarbete mellan region, kommuner, Länsstyrelsen och handlare.\n\nProgrammet gäller 2023–2030 och handlar om kommersiell service: dagligvaror, drivmedel, post och paket, apoteksvaror samt kontanter och betaltjänster. Det har arbetats fram tillsammans med länets åtta kommuner och Länsstyrelsen Jämtlands län genom nätverket Service Z.',
  steeringDocuments: [
    { title: 'Regional utvecklingsstrategi för Jämtlands län (RUS)', diaryNumber: 'RUN/515/2018' },
    { title: 'Regional utvecklingsstrategi – mål och långsiktiga prioriteringar', diaryNumber: 'RUN/316/2024' },
    { title: 'Program för smart specialisering', diaryNumber: 'RUN/430/2018' },
    { title: 'Förordning (2000:284) om stöd till kommersiell service', diaryNumber: null },
    { title: 'Förordning (2017:583) om regionalt tillväxtarbete', diaryNumber: null },
    { title: 'Tillväxtverkets metodstöd för regionala serviceprogram 2022–2030', diaryNumber: null }
  ],
  analysis:
    'Länet är stort och glest befolkat. De flesta bor i eller nära Östersund, medan stora delar av länet har långt till närmaste butik med fullt sortiment. Lanthandeln är ofta den sista servicepunkten i en bygd och bär samtidigt ombudsuppdrag för post, apoteksvaror och spel. Besöksnäringen i fjällen ger säsongsvariationer som gör att vissa butiker har god omsättning vintertid men svårt att bära sig resten av året.\n\nAnalysen bygger på Tillväxtverkets serviceanalys i Pipos, länets strukturanalys, de kommunala serviceplanerna och uppföljningarna av det förra programmet.',
  structuralFigures: [
    { label: 'Folkmängd', value: 'cirka 132 000 invånare', source: 'SCB' },
    { label: 'Landareal', value: 'cirka 49 000 km²', source: 'SCB' },
    { label: 'Invånare per km²', value: 'under 3', source: 'SCB' },
    { label: 'Kommuner', value: '8', source: 'SCB' },
    { label: 'Dagligvarubutiker som får särskilt driftstöd', value: 'drygt 10', source: 'Region Jämtland Härjedalen' }
  ],
  swot: {
    strengths: ['Ett etablerat samarbete i Service Z mellan region, kommuner och Länsstyrelsen', 'Engagerade handlare som tar ansvar för bygdens service', 'Besöksnäring som ger kundunderlag i delar av länet'],
    weaknesses: ['Långa avstånd och litet befolkningsunderlag', 'Sårbara butiker som ofta drivs av en eller två personer', 'Begränsad kunskap om stödformerna hos nya handlare'],
    opportunities: ['Digitala lösningar, obemannade butiker och varuautomater', 'Samlokalisering av service i lanthandeln', 'Laddinfrastruktur som nytt kundunderlag vid butikerna'],
    threats: ['Minskande kontanthantering och färre uttagsautomater', 'Generationsskiften utan efterträdare', 'Stigande energi- och transportkostnader']
  },
  goals: [
    {
      code: 'M1',
      title: 'Grundläggande service inom rimligt avstånd',
      description: 'Dagligvaror, drivmedel, post och apoteksvaror ska finnas inom rimligt avstånd för länets invånare och besökare.',
      indicators: [
        { name: 'Andel invånare med högst 10 km till butik med fullsortiment', unit: '%', baseline: 95.5, target: 96, targetYear: 2030 },
        { name: 'Antal orter med drivmedelsförsäljning', unit: 'antal', baseline: 54, target: 54, targetYear: 2030 }
      ]
    },
    {
      code: 'M2',
      title: 'Lanthandeln som servicenav',
      description: 'Butikerna på landsbygden utvecklas till servicepunkter där flera tjänster samlas.',
      indicators: [{ name: 'Butiker som är ombud för minst två tjänster', unit: 'antal', baseline: 20, target: 28, targetYear: 2030 }]
    },
    {
      code: 'M3',
      title: 'Samordnat och kunskapsbaserat arbete',
      description: 'Region, kommuner och Länsstyrelsen arbetar tillsammans utifrån gemensam kunskap om servicen.',
      indicators: [{ name: 'Kommuner med aktuell kommunal serviceplan', unit: 'antal', baseline: 5, target: 8, targetYear: 2025 }]
    },
    {
      code: 'M4',
      title: 'Nya lösningar för service',
      description: 'Hemsändning, digitala tjänster och nya driftsformer prövas där traditionell butik inte bär sig.',
      indicators: [{ name: 'Kommuner som erbjuder hemsändning av dagligvaror', unit: 'antal', baseline: 6, target: 8, targetYear: 2027 }]
    }
  ],
  priorities: [
    { title: 'Prioriterade geografier', text: 'Stöd riktas i första hand till glesbygd och landsbygd långt från tätorterna, där en nedläggning skulle ge stora avstånd till närmaste service.' },
    { title: 'Lanthandeln först', text: 'Den befintliga butiken är utgångspunkten: insatser ska stärka den butik som finns hellre än att bygga nytt.' },
    { title: 'Kontanter och betaltjänster', text: 'Tillgången till kontantuttag och dagskasseinsättning följs särskilt, tillsammans med Länsstyrelsen.' },
    { title: 'Samordning av stöd', text: 'Regionens, Länsstyrelsens och Tillväxtverkets stöd samordnas så att handlaren möter en väg in.' }
  ],
  implementation:
    'Region Jämtland Härjedalen ansvarar för genomförandet och följer upp insatserna. Varje år tas en handlingsplan fram i Service Z och fastställs av regional utvecklingsdirektör på delegation från regionala utvecklingsnämnden. Uppföljningen görs vid årets slut enligt Tillväxtverkets riktlinjer, lämnas till Tillväxtverket under första kvartalet och avrapporteras därefter till nämnden.'
};

interface DemoIntervention {
  title: string;
  description: string;
  goals: string[];
  responsible: string[];
  role?: string;
  partners?: string[];
  start: string;
  end: string;
  budget?: number;
  funding?: string;
  measures: { indicator: string; unit: string; baseline: number | null; target: number; date: string }[];
  /** Follow-up of the year: status, comment and outcome per measure. */
  followUp?: { status: InterventionOutcome; comment: string; outcomes: (number | null)[] };
}

const PROJECT = 'Resurser till genomförande av regionalt serviceprogram Jämtlands län';

const PLAN_2023: DemoIntervention[] = [
  {
    title: 'Stöd till kommunernas serviceplaner',
    description: 'Regionen ger kommunerna underlag från Pipos och en gemensam mall så att varje kommun kan uppdatera sin serviceplan med en lokal analys.',
    goals: ['M3'],
    responsible: ['region-23', ...KOMMUNER],
    role: 'Regional utvecklare kommersiell service',
    start: '2023-01-01',
    end: '2023-12-31',
    measures: [{ indicator: 'Kommuner med aktuell serviceplan', unit: 'antal', baseline: 5, target: 8, date: '2023-12-31' }],
    followUp: { status: 'delvis', comment: 'Sex kommuner har uppdaterat planen; två arbetar vidare under 2024.', outcomes: [6] }
  },
  {
    title: 'Service Z – nätverket för kommersiell service',
    description: 'Regionen sammankallar kommunernas landsbygdsutvecklare och Länsstyrelsen till regelbundna träffar för erfarenhetsutbyte och planering.',
    goals: ['M3'],
    responsible: ['region-23'],
    partners: ['Länets kommuner', 'Länsstyrelsen Jämtlands län'],
    start: '2023-01-01',
    end: '2023-12-31',
    budget: 40000,
    funding: 'Regionens förvaltningsanslag',
    measures: [{ indicator: 'Nätverksträffar', unit: 'antal', baseline: 2, target: 4, date: '2023-12-31' }],
    followUp: { status: 'genomford', comment: 'Fyra träffar, varav en i Strömsund med butiksbesök.', outcomes: [4] }
  },
  {
    title: 'Investeringsbidrag och servicebidrag till dagligvarubutiker',
    description: 'Handläggning av stöd enligt förordningen om stöd till kommersiell service, med fokus på butiker i prioriterade geografier.',
    goals: ['M1', 'M2'],
    responsible: ['region-23'],
    role: 'Handläggare företagsstöd',
    start: '2023-01-01',
    end: '2023-12-31',
    budget: 2500000,
    funding: 'Anslag 1:1 Regionala utvecklingsåtgärder',
    measures: [{ indicator: 'Butiker som beviljats investerings- eller servicebidrag', unit: 'antal', baseline: 7, target: 10, date: '2023-12-31' }],
    followUp: { status: 'genomford', comment: 'Elva butiker beviljades stöd, främst till kyl- och frysutrustning.', outcomes: [11] }
  },
  {
    title: 'Särskilt driftstöd till butiker i glesbygd',
    description: 'Driftstöd till små butiker långt från närmaste jämförbara butik, efter ansökan och prövning av butikens betydelse för servicen.',
    goals: ['M1'],
    responsible: ['region-23'],
    start: '2023-01-01',
    end: '2023-12-31',
    budget: 3000000,
    funding: 'Anslag 1:1 Regionala utvecklingsåtgärder',
    measures: [{ indicator: 'Butiker med särskilt driftstöd', unit: 'antal', baseline: 11, target: 12, date: '2023-12-31' }],
    followUp: { status: 'genomford', comment: 'Tolv butiker fick driftstöd.', outcomes: [12] }
  },
  {
    title: 'Hemsändning av dagligvaror',
    description: 'Kommunerna organiserar hemsändning till hushåll som bor långt från butik; regionen beviljar hemsändningsbidrag i efterhand.',
    goals: ['M4'],
    responsible: ['kommun-2313', 'kommun-2326', 'kommun-2361', 'kommun-2303'],
    partners: ['Lanthandlare', 'Region Jämtland Härjedalen'],
    start: '2023-01-01',
    end: '2023-12-31',
    budget: 400000,
    funding: 'Hemsändningsbidrag, anslag 1:1',
    measures: [{ indicator: 'Kommuner som erbjuder hemsändning', unit: 'antal', baseline: 6, target: 8, date: '2023-12-31' }],
    followUp: { status: 'delvis', comment: 'Ragunda kommun startade hemsändning; Bräcke har frågan under utredning.', outcomes: [7] }
  },
  {
    title: 'Servicepunkter i lanthandeln',
    description: 'Butiker stöttas att bli ombud för post och paket, apoteksvaror och betaltjänster så att flera tjänster finns på ett ställe.',
    goals: ['M2'],
    responsible: ['region-23', 'kommun-2361'],
    partners: ['Ombudsgivare för post och apoteksvaror'],
    start: '2023-03-01',
    end: '2024-12-31',
    measures: [{ indicator: 'Butiker som är ombud för minst två tjänster', unit: 'antal', baseline: 20, target: 22, date: '2023-12-31' }],
    followUp: { status: 'pagar', comment: 'Två nya paketombud; apoteksombud dröjer.', outcomes: [21] }
  },
  {
    title: `Projektet ${PROJECT}`,
    description: 'Ett treårigt projekt som ger resurser för rådgivning till handlare, analys och samordning av programmets insatser.',
    goals: ['M2', 'M3'],
    responsible: ['region-23'],
    role: 'Projektledare',
    start: '2023-07-01',
    end: '2026-06-30',
    budget: 1200000,
    funding: 'Anslag 1:1 Regionala utvecklingsåtgärder och regional medfinansiering',
    measures: [{ indicator: 'Rådgivningsbesök hos handlare', unit: 'antal', baseline: 0, target: 15, date: '2023-12-31' }],
    followUp: { status: 'pagar', comment: 'Projektet startade i juli; tretton besök under hösten.', outcomes: [13] }
  },
  {
    title: 'Kartläggning av kontanter och betaltjänster',
    description: 'Länsstyrelsen och regionen kartlägger var kontantuttag och dagskasseinsättning finns och var det saknas.',
    goals: ['M1'],
    responsible: ['lansstyrelsen-23'],
    partners: ['Region Jämtland Härjedalen'],
    start: '2023-04-01',
    end: '2023-12-31',
    measures: [{ indicator: 'Publicerad kartläggning', unit: 'antal', baseline: 0, target: 1, date: '2023-12-31' }],
    followUp: { status: 'ej_genomford', comment: 'Sköts upp i väntan på nationella uppgifter om uttagsautomater.', outcomes: [0] }
  },
  {
    title: 'Butiksutveckling och digital försäljning för handlare',
    description: 'Utbildningsträffar om butikslayout, e-handel och plockbeställningar för handlare i fjällkommunerna.',
    goals: ['M2', 'M4'],
    responsible: ['region-23', 'kommun-2321'],
    start: '2023-02-01',
    end: '2023-11-30',
    budget: 150000,
    funding: 'Regionala utvecklingsmedel',
    measures: [{ indicator: 'Handlare som deltagit', unit: 'antal', baseline: null, target: 20, date: '2023-11-30' }],
    followUp: { status: 'genomford', comment: 'Tjugotre handlare deltog vid tre tillfällen.', outcomes: [23] }
  },
  {
    title: 'Tillgänglighetsanalys med Pipos',
    description: 'Regionen tar fram avstånd till service per kommun och delar resultatet i Service Z.',
    goals: ['M1', 'M3'],
    responsible: ['region-23'],
    role: 'Analytiker',
    start: '2023-01-01',
    end: '2023-06-30',
    measures: [{ indicator: 'Andel invånare med högst 10 km till butik med fullsortiment', unit: '%', baseline: 95.5, target: 95.5, date: '2023-06-30' }],
    followUp: { status: 'genomford', comment: 'Analysen redovisades i Service Z i september.', outcomes: [95.6] }
  }
];

const PLAN_2024: DemoIntervention[] = [
  {
    title: 'Kommunala serviceplaner – de sista kommunerna',
    description: 'Stöd till Bräcke och Berg att slutföra sina serviceplaner, med samma underlag som övriga kommuner fick 2023.',
    goals: ['M3'],
    responsible: ['region-23', 'kommun-2305', 'kommun-2326'],
    start: '2024-01-01',
    end: '2024-12-31',
    measures: [{ indicator: 'Kommuner med aktuell serviceplan', unit: 'antal', baseline: 6, target: 8, date: '2024-12-31' }],
    followUp: { status: 'genomford', comment: 'Båda kommunerna antog sina planer under hösten.', outcomes: [8] }
  },
  {
    title: 'Service Z – nätverket för kommersiell service',
    description: 'Fortsatta träffar, nu med tema kontanter och laddinfrastruktur.',
    goals: ['M3'],
    responsible: ['region-23'],
    partners: ['Länets kommuner', 'Länsstyrelsen Jämtlands län'],
    start: '2024-01-01',
    end: '2024-12-31',
    budget: 40000,
    funding: 'Regionens förvaltningsanslag',
    measures: [{ indicator: 'Nätverksträffar', unit: 'antal', baseline: 4, target: 4, date: '2024-12-31' }],
    followUp: { status: 'genomford', comment: '', outcomes: [3] }
  },
  {
    title: 'Investeringsbidrag och servicebidrag till dagligvarubutiker',
    description: 'Stöd enligt förordningen om stöd till kommersiell service, med prioritet för butiker som också är servicepunkter.',
    goals: ['M1', 'M2'],
    responsible: ['region-23'],
    role: 'Handläggare företagsstöd',
    start: '2024-01-01',
    end: '2024-12-31',
    budget: 2800000,
    funding: 'Anslag 1:1 Regionala utvecklingsåtgärder',
    measures: [{ indicator: 'Butiker som beviljats investerings- eller servicebidrag', unit: 'antal', baseline: 11, target: 10, date: '2024-12-31' }]
  },
  {
    title: 'Särskilt driftstöd till butiker i glesbygd',
    description: 'Driftstöd till små butiker i glesbygd, prövat mot avstånd till närmaste jämförbara butik.',
    goals: ['M1'],
    responsible: ['region-23'],
    start: '2024-01-01',
    end: '2024-12-31',
    budget: 3200000,
    funding: 'Anslag 1:1 Regionala utvecklingsåtgärder',
    measures: [{ indicator: 'Butiker med särskilt driftstöd', unit: 'antal', baseline: 12, target: 13, date: '2024-12-31' }]
  },
  {
    title: 'Hemsändning av dagligvaror',
    description: 'Hemsändning i fler kommuner och samordnade beställningsdagar mellan butikerna.',
    goals: ['M4'],
    responsible: ['kommun-2313', 'kommun-2326', 'kommun-2361', 'kommun-2303', 'kommun-2305'],
    partners: ['Lanthandlare'],
    start: '2024-01-01',
    end: '2024-12-31',
    budget: 450000,
    funding: 'Hemsändningsbidrag, anslag 1:1',
    measures: [{ indicator: 'Kommuner som erbjuder hemsändning', unit: 'antal', baseline: 7, target: 8, date: '2024-12-31' }],
    followUp: { status: 'pagar', comment: 'Bräcke planerar start i början av 2025.', outcomes: [7] }
  },
  {
    title: 'Servicepunkter i lanthandeln',
    description: 'Fortsatt arbete med ombudsuppdrag, nu även dagskasseinsättning.',
    goals: ['M2'],
    responsible: ['region-23', 'kommun-2361'],
    start: '2024-01-01',
    end: '2024-12-31',
    measures: [{ indicator: 'Butiker som är ombud för minst två tjänster', unit: 'antal', baseline: 21, target: 24, date: '2024-12-31' }]
  },
  {
    title: `Projektet ${PROJECT}`,
    description: 'Andra projektåret: rådgivning, analys och samordning.',
    goals: ['M2', 'M3'],
    responsible: ['region-23'],
    role: 'Projektledare',
    start: '2024-01-01',
    end: '2026-06-30',
    budget: 1200000,
    funding: 'Anslag 1:1 Regionala utvecklingsåtgärder och regional medfinansiering',
    measures: [{ indicator: 'Rådgivningsbesök hos handlare', unit: 'antal', baseline: 13, target: 30, date: '2024-12-31' }]
  },
  {
    title: 'Kartläggning av kontanter och betaltjänster',
    description: 'Kartläggningen som sköts upp 2023 genomförs med nya nationella uppgifter.',
    goals: ['M1'],
    responsible: ['lansstyrelsen-23'],
    partners: ['Region Jämtland Härjedalen'],
    start: '2024-01-01',
    end: '2024-09-30',
    measures: [{ indicator: 'Publicerad kartläggning', unit: 'antal', baseline: 0, target: 1, date: '2024-09-30' }]
  },
  {
    title: 'Laddplatser vid lanthandeln',
    description: 'Kartläggning av intresset för laddplatser vid butiker och samordning med investeringsbidraget.',
    goals: ['M1', 'M4'],
    responsible: ['region-23', 'kommun-2321'],
    start: '2024-03-01',
    end: '2024-12-31',
    budget: 100000,
    funding: 'Regionala utvecklingsmedel',
    measures: [{ indicator: 'Butiker med laddplats', unit: 'antal', baseline: 3, target: 6, date: '2024-12-31' }]
  },
  {
    title: 'Obemannade butiker och varuautomater',
    description: 'Förstudie om obemannade butiker som komplement där bemannad butik inte bär sig.',
    goals: ['M4'],
    responsible: ['region-23'],
    role: 'Regional utvecklare kommersiell service',
    partners: ['Krokoms kommun', 'Härjedalens kommun'],
    start: '2024-04-01',
    end: '2024-12-31',
    budget: 80000,
    funding: 'Regionala utvecklingsmedel',
    measures: [{ indicator: 'Förstudie klar', unit: 'antal', baseline: 0, target: 1, date: '2024-12-31' }]
  }
];

const ADOPTION = {
  adopted_date: '2023-10-24',
  adopted_by: 'Regional utvecklingsdirektör',
  adopted_paragraph: null,
  adopted_delegation: 'Regionala utvecklingsnämndens beslut § 89/2023',
  decision_id: null,
  decision_reference: 'RUN/536/2021'
};

async function insertPlan(trx: Db, programmeId: string, year: number, introduction: string, items: DemoIntervention[]) {
  const plan = await trx
    .insertInto('action_plans')
    .values({ programme_id: programmeId, year, introduction, status: 'adopted', version: 2, ...ADOPTION })
    .returning('id')
    .executeTakeFirstOrThrow();
  const followUp = await trx.insertInto('follow_ups').values({ plan_id: plan.id }).returning('id').executeTakeFirstOrThrow();
  for (const [n, item] of items.entries()) {
    const i = await trx
      .insertInto('action_plan_interventions')
      .values({
        plan_id: plan.id,
        position: n + 1,
        title: item.title,
        description: item.description,
        goal_codes: json(item.goals),
        responsible_organisation_ids: json(item.responsible),
        responsible_role: item.role ?? null,
        partners: json(item.partners ?? []),
        start_date: item.start,
        end_date: item.end,
        budget_sek: item.budget ?? null,
        funding_source: item.funding ?? null
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (item.followUp) {
      await trx.insertInto('follow_up_interventions').values({ follow_up_id: followUp.id, intervention_id: i.id, status: item.followUp.status, comment: item.followUp.comment }).execute();
    }
    for (const [p, m] of item.measures.entries()) {
      const goal = await trx
        .insertInto('action_plan_goals')
        .values({ intervention_id: i.id, position: p, indicator: m.indicator, unit: m.unit, baseline: m.baseline, target: m.target, target_date: m.date })
        .returning('id')
        .executeTakeFirstOrThrow();
      const outcome = item.followUp?.outcomes[p];
      if (outcome !== undefined) await trx.insertInto('follow_up_outcomes').values({ follow_up_id: followUp.id, goal_id: goal.id, outcome }).execute();
    }
  }
  await recordAudit(trx, null, { action: 'create', entity: 'actionPlan', entityId: plan.id, organisationId: 'region-23', after: { year, source: 'demo' } });
  return { planId: plan.id, followUpId: followUp.id };
}

export const demo: DemoStep = async (trx, context) => {
  const programme = await trx
    .insertInto('programmes')
    .values({ county_code: '23', organisation_id: 'region-23', period_start: 2023, period_end: 2030, title: 'Regionalt serviceprogram Jämtland Härjedalen 2023–2030' })
    .returning('id')
    .executeTakeFirstOrThrow();
  context.ids['programme.23'] = programme.id;
  const consultationContent: ProgrammeContent = {
    ...CONTENT,
    background: CONTENT.background.split('\n\n')[0],
    goals: CONTENT.goals.slice(0, 3),
    priorities: CONTENT.priorities.slice(0, 3)
  };
  const v1 = await trx
    .insertInto('programme_versions')
    .values({ programme_id: programme.id, number: 1, status: 'consultation', content: json(consultationContent) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v2 = await trx
    .insertInto('programme_versions')
    .values({
      programme_id: programme.id,
      number: 2,
      status: 'adopted',
      content: json(CONTENT),
      adopted_date: '2023-05-23',
      adopted_by: 'Regionala utvecklingsnämnden',
      adopted_paragraph: '§ 89',
      decision_reference: 'RUN/536/2021'
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  context.ids['programmeVersion.23.consultation'] = v1.id;
  context.ids['programmeVersion.23.adopted'] = v2.id;
  await recordAudit(trx, null, { action: 'create', entity: 'programme', entityId: programme.id, organisationId: 'region-23', after: { source: 'demo' } });

  const p2023 = await insertPlan(trx, programme.id, 2023, 'Den första handlingsplanen under programmet, framtagen i Service Z under våren 2023.', PLAN_2023);
  const p2024 = await insertPlan(trx, programme.id, 2024, 'Handlingsplanen för 2024 bygger på uppföljningen av 2023: det som inte blev klart förs vidare, och nya insatser tar upp laddplatser och obemannade butiker.', PLAN_2024);
  context.ids['actionPlan.23.2023'] = p2023.planId;
  context.ids['actionPlan.23.2024'] = p2024.planId;
  context.ids['followUp.23.2023'] = p2023.followUpId;
  context.ids['followUp.23.2024'] = p2024.followUpId;
  const submitter = context.users['region@demo.rsp'] ?? null;
  await trx
    .updateTable('follow_ups')
    .set({
      status: 'submitted',
      submitted_at: new Date('2024-03-27T10:00:00Z'),
      submitted_date: '2024-03-27',
      submitted_by: submitter,
      summary:
        'Första året med det nya programmet har handlat om att bygga upp arbetssätt. Stöden till butikerna nådde fler än planerat och nätverket Service Z har träffats regelbundet. Kontantkartläggningen sköts upp och serviceplanerna blev klara i sex av åtta kommuner.',
      lessons: 'Tidig dialog med handlarna gör ansökningarna bättre. Insatser som beror på nationella uppgifter behöver en reservplan.',
      board_reported_date: '2024-04-23',
      board_reference: 'Regionala utvecklingsnämnden § 45/2024',
      version: 3
    })
    .where('id', '=', p2023.followUpId)
    .execute();
  await trx.updateTable('follow_ups').set({ lessons: 'Nätverksträffarna fungerar bäst med ett tydligt tema.', version: 2 }).where('id', '=', p2024.followUpId).execute();

  // Municipal service plans of Östersund and Strömsund.
  await trx
    .insertInto('municipal_service_plans')
    .values([
      {
        municipality_code: '2380',
        programme_id: programme.id,
        title: 'Serviceplan för Östersunds kommun 2023–2026',
        period_start: 2023,
        period_end: 2026,
        adopted_date: '2023-11-15',
        local_analysis:
          'Kommunen har god service i centralorten men flera landsbygdsområden, bland annat på Frösön och i de södra delarna, har långt till butik med fullt sortiment. Befolkningen i byarna blir äldre, vilket ökar behovet av hemsändning och av ombud för apoteksvaror.',
        swot: json({
          strengths: ['Stort utbud i centralorten', 'Aktiva byaföreningar'],
          weaknesses: ['Små butiker i ytterområdena med litet kundunderlag'],
          opportunities: ['Samverkan med besöksnäringen', 'Paketskåp i byarna'],
          threats: ['Handel flyttar till externa köpcentrum']
        }),
        priorities: json(['Behålla butikerna i ytterområdena', 'Fler paketombud på landsbygden', 'Kontantuttag i alla kommundelar']),
        interventions: json([
          { title: 'Dialog med byarnas handlare', description: 'Årliga besök hos butikerna i ytterområdena.', responsible: 'Landsbygdsutvecklare', timing: '2023–2026' },
          { title: 'Paketskåp i tre byar', description: 'Förstudie tillsammans med ombudsgivare.', responsible: 'Tillväxtenheten', timing: '2024' }
        ])
      },
      {
        municipality_code: '2313',
        programme_id: programme.id,
        title: 'Serviceplan för Strömsunds kommun 2023–2027',
        period_start: 2023,
        period_end: 2027,
        adopted_date: '2023-09-20',
        local_analysis:
          'Strömsund är en av länets mest glest befolkade kommuner. Lanthandlarna i Gäddede, Hoting och Backe är viktiga servicepunkter och flera av dem har särskilt driftstöd. Hemsändning finns i hela kommunen sedan länge.',
        swot: json({
          strengths: ['Väl fungerande hemsändning', 'Lanthandlare med många ombudsuppdrag'],
          weaknesses: ['Mycket långa avstånd', 'Svårt att rekrytera personal'],
          opportunities: ['Turism längs Vildmarksvägen', 'Laddplatser vid butikerna'],
          threats: ['Generationsskiften utan efterträdare', 'Minskad kontanthantering']
        }),
        priorities: json(['Säkra dagligvaror och drivmedel i kommunens västra del', 'Hemsändning till alla hushåll som behöver', 'Stöd vid generationsskiften']),
        interventions: json([
          { title: 'Hemsändning', description: 'Hemsändning av dagligvaror en gång i veckan.', responsible: 'Kommunen och lanthandlarna', timing: 'Löpande' },
          { title: 'Handlarträffar', description: 'Två träffar om året för kommunens handlare.', responsible: 'Landsbygdsutvecklare', timing: 'Vår och höst' }
        ])
      }
    ])
    .execute();

  // The Service Z network: the region convenes the eight municipalities and Länsstyrelsen.
  const network = await trx
    .insertInto('networks')
    .values({
      county_code: '23',
      convener_id: 'region-23',
      name: 'Service Z',
      description: 'Länets nätverk för kommersiell service: regionen, de åtta kommunernas landsbygdsutvecklare och Länsstyrelsen. Referens- och arbetsgrupp för serviceprogrammet.'
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  context.ids['network.23.serviceZ'] = network.id;
  await trx
    .insertInto('network_members')
    .values([
      { network_id: network.id, organisation_id: 'region-23', role: 'Sammankallande' },
      { network_id: network.id, organisation_id: 'lansstyrelsen-23', role: 'Medlem' },
      ...KOMMUNER.map((id) => ({ network_id: network.id, organisation_id: id, role: 'Medlem' }))
    ])
    .execute();
  await trx
    .insertInto('network_meetings')
    .values([
      { network_id: network.id, date: '2023-02-14', place: 'Digitalt', agenda: '1. Läget för serviceprogrammet efter remissen\n2. Kommunernas serviceplaner\n3. Handlingsplan 2023', minutes: 'Remissvaren gicks igenom. Kommunerna får en gemensam mall för serviceplanerna före sommaren.' },
      { network_id: network.id, date: '2023-09-12', place: 'Strömsund', agenda: '1. Butiksbesök\n2. Stöd till kommersiell service – läget\n3. Handlingsplan 2024', minutes: 'Besök i två butiker. Förslag till handlingsplan 2024 diskuterades; kontanter och laddplatser lyfts som nya teman.' },
      { network_id: network.id, date: '2024-02-06', place: 'Digitalt', agenda: '1. Uppföljning 2023\n2. Hemsändning – erfarenheter', minutes: 'Uppföljningen av 2023 stämdes av innan den lämnas till Tillväxtverket.' },
      { network_id: network.id, date: '2024-05-21', place: 'Åre', agenda: '1. Laddplatser vid lanthandeln\n2. Besöksnäringens betydelse för butikerna', minutes: 'Åre kommun berättade om säsongsvariationerna. Regionen sammanställer intresset för laddplatser.' },
      { network_id: network.id, date: '2024-10-15', place: 'Östersund', agenda: '1. Kontanter och betaltjänster\n2. Handlingsplan 2025', minutes: '' }
    ])
    .execute();
};
