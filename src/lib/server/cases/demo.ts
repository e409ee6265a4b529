import type { Db, Queryable } from '../db';
import type { Actor } from '../auth/actor';
import type { DemoStep } from '../demo/types';
import { actorQuery, toActor } from '../auth/sessions';
import { recordAudit } from '../audit';
import { adoptableRecords } from '../programmes/adoption';
import { createCase, linkRecord } from './cases';
import { createDecision, signDecision } from './decisions';
import { saveProcessPlan } from './process-plan';
import { createConsultation, recordReminder, saveAnswer } from './consultations';
import { consultableVersions } from './programme-link';

/**
 * The cases of Region Jämtland Härjedalen's programme work: case RUN/536/2021 with its process plan, the
 * consultation round on the draft and the delegation decision of 2023-10-24 adopting the action plans for
 * 2023 and 2024. The facts (dates, paragraphs, diary numbers, bodies) are those of the region's documents;
 * every sentence is written for this demo, and people appear only by their role.
 *
 * Uses from the programme step, when present: context.ids['programme.23'], ['programmeVersion.23.consultation'],
 * ['actionPlan.23.2023'], ['actionPlan.23.2024']. Publishes: context.ids['case.RUN/536/2021'], ['decision.2023-10-24'], ['consultation.23'].
 */
export const DEMO_DIARY_NUMBER = 'RUN/536/2021';
export const DEMO_DECISION_DATE = '2023-10-24';
export const DEMO_MUNICIPALITIES = ['kommun-2303', 'kommun-2305', 'kommun-2309', 'kommun-2313', 'kommun-2321', 'kommun-2326', 'kommun-2361', 'kommun-2380'];

async function actorFor(db: Queryable, userId: string): Promise<Actor> {
  return toActor(await actorQuery(db).where('users.id', '=', userId).executeTakeFirstOrThrow(), 'session');
}

/** A demo person who acts but never signs in (no password): known by role and unit only. */
async function roleAccount(trx: Db, email: string, organisationId: string, title: string, unit: string): Promise<Actor> {
  const row = await trx
    .insertInto('users')
    .values({ email, name: `${title} (demo)`, organisation_id: organisationId, role: 'editor', title, unit, password_hash: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, null, { action: 'create', entity: 'user', entityId: row.id, organisationId, after: { email, role: 'editor', source: 'demo' } });
  return actorFor(trx, row.id);
}

const DESCRIPTION = [
  'Regeringen erbjöd i oktober 2021 regionerna att ta fram och genomföra regionala serviceprogram. Regionala utvecklingsnämnden fastställde den 23 maj 2023 (§ 89) Region Jämtland Härjedalens serviceprogram för 2023–2030 och lät regional utvecklingsdirektör besluta om de årliga handlingsplanerna.',
  'Programmet utgår från den regionala utvecklingsstrategin (RUN/515/2018), programmet för smart specialisering (RUN/430/2018) och de nationella reglerna om kommersiell service. Det har arbetats fram tillsammans med länets kommuner och Länsstyrelsen Jämtlands län. Målet är att invånare och besökare i länets olika landsbygder ska ha god tillgång till kommersiell service, och att regionens, länsstyrelsens och Tillväxtverkets stöd och insatser ska dra åt samma håll.',
  'Regionen svarar för att programmet genomförs och att insatserna följs upp. Handlingsplanerna för 2023 och 2024 har tagits fram i nätverket Service Z, som regionen sammankallar och där länets kommuner och länsstyrelsen deltar. Varje plan anger årets insatser, de mål insatserna ska följas upp mot och vem som har ansvaret.',
  'När året är slut följs planen upp enligt Tillväxtverkets riktlinjer. Uppföljningen lämnas skriftligt till Tillväxtverket under första kvartalet och redovisas sedan för regionala utvecklingsnämnden; den är utgångspunkt för nästa års plan.'
].join('\n\n');

const plan = (year: number) => `Handlingsplan ${year} för Regionalt serviceprogram Jämtland Härjedalen`;

const ROLES = [
  {
    role: 'Beslutande organ/ägare',
    who: 'Regionala utvecklingsnämnden, Region Jämtland Härjedalen',
    task: 'Beslutar om serviceprogrammet och ger uppdraget. Fastställer programmet.'
  },
  {
    role: 'Styrgrupp',
    who: 'Regionala utvecklingsnämndens presidium',
    task: 'Styr och följer processen politiskt. Förankrar arbetet regionalt och politiskt. Deltar i samråd och i referensgruppernas dialog.'
  },
  {
    role: 'Arbetsgrupp',
    who: 'Enhet näringsliv och samhällsbyggnad, område Hållbar tillväxt',
    task: 'Har det operativa ansvaret, stöttar styrgruppen, samordnar arbetet och informerar om det. Deltar i samråd och i referensgruppernas dialog.'
  },
  {
    role: 'Kommunal referensgrupp/arbetsgrupp',
    who: 'Service Z',
    task: 'Håller lokala samråd, bidrar till nulägesbilden, deltar i de strategiska samtalen, samråder om prioriteringar, följer processen och förankrar arbetet i kommunerna och politiskt.'
  }
];

const MILESTONES = [
  { starts: '2022-02-22', ends: null, precision: 'day' as const, title: 'Nämnden beslutar att arbetet med ett nytt serviceprogram ska starta och utser styrgrupp', decidedBy: 'Regionala utvecklingsnämnden', done: true },
  { starts: '2022-01-01', ends: '2022-12-01', precision: 'month' as const, title: 'Återkommande möten med Service Z och avstämningar med den politiska styrgruppen', decidedBy: null, done: true },
  { starts: '2022-11-01', ends: null, precision: 'month' as const, title: 'Nämnden beslutar om remissversionen av serviceprogrammet', decidedBy: 'Regionala utvecklingsnämnden', done: true },
  { starts: '2022-11-01', ends: '2023-02-01', precision: 'month' as const, title: 'Remisstid: kommunerna, länsstyrelsen och andra lämnar synpunkter', decidedBy: null, done: true },
  { starts: '2023-03-01', ends: '2023-04-01', precision: 'month' as const, title: 'Nämnden fastställer serviceprogrammet (det fastställdes 2023-05-23, § 89)', decidedBy: 'Regionala utvecklingsnämnden', done: true }
];

/** Chapters used when the programme step offers no version to send (the round still shows its shape). */
const FALLBACK_CHAPTERS = ['Bakgrund', 'Analys', 'Mål', 'Prioriteringar', 'Genomförande och uppföljning'];

const ANSWERS: Record<string, { general: string; chapters: string[] }> = {
  'kommun-2303': {
    general: 'Ragunda kommun ställer sig bakom förslaget. Vi vill att programmet tydligare lyfter byarna längs älvdalen där butikerna är få och långt ifrån varandra.',
    chapters: ['', 'Analysen stämmer med vår bild. Avstånden till närmaste fullsortimentsbutik har ökat för flera byar.', '', 'Hemsändning av dagligvaror bör vara en prioritering även efter 2025.']
  },
  'kommun-2305': {
    general: 'Bräcke kommun tillstyrker programmet med några medskick.',
    chapters: ['', '', 'Målet om avstånd till service bör mätas per kommun så att utvecklingen går att följa lokalt.', 'Ombud för apoteksvaror och paket bör nämnas särskilt.']
  },
  'kommun-2309': {
    general: 'Krokoms kommun är positiv till förslaget och till arbetssättet i Service Z.',
    chapters: ['Bakgrunden är tydlig.', '', '', '', 'Uppföljningen bör visa hur stödet fördelats per kommun varje år.']
  },
  'kommun-2321': {
    general: 'Åre kommun instämmer i huvuddragen. Säsongsvariationerna i befolkning och handel bör beskrivas, eftersom de påverkar butikernas underlag.',
    chapters: ['', 'Lägg gärna till besöksnäringens betydelse för servicen i fjällbyarna.']
  },
  'kommun-2326': {
    general: 'Bergs kommun har inga invändningar.',
    chapters: ['', '', '', 'Drivmedel i glesbygd behöver få en egen prioritering.']
  },
  'kommun-2361': {
    general: 'Härjedalens kommun tillstyrker förslaget och vill bidra i arbetet med handlingsplanerna.',
    chapters: ['', 'Avståndsanalysen bör även visa personer 70 år och äldre.', '', '', '']
  },
  'lansstyrelsen-23': {
    general: 'Länsstyrelsen Jämtlands län ser positivt på att programmet samordnar regionens och länsstyrelsens insatser.',
    chapters: ['', '', '', 'Kopplingen till landsbygdsprogrammets stöd kan utvecklas.', 'Ett gemensamt årligt uppföljningsmöte föreslås.']
  }
};

export const demo: DemoStep = async (trx, context) => {
  const regionUser = context.users['region@demo.rsp'];
  if (!regionUser) return;
  const officer = await actorFor(trx, regionUser);
  const director = await roleAccount(trx, 'utvecklingsdirektor@demo.rsp', 'region-23', 'Regional utvecklingsdirektör', 'Regional utveckling');
  const programmeId = context.ids['programme.23'] ?? null;

  const theCase = await createCase(trx, officer, {
    diaryNumber: DEMO_DIARY_NUMBER,
    title: 'Regionalt serviceprogram 2022–2030',
    opened: '2021-11-01',
    unit: 'Samhällsutveckling',
    caseOfficerId: officer.user.id,
    programmeId
  });
  context.ids[`case.${DEMO_DIARY_NUMBER}`] = theCase.id;
  if (programmeId) {
    const programme = await trx.selectFrom('programmes').select('title').where('id', '=', programmeId).executeTakeFirst();
    if (programme) await linkRecord(trx, officer, theCase.id, { kind: 'programme', id: programmeId, title: programme.title });
  }

  // The process plan of 2022-02-01.
  if (programmeId) {
    await saveProcessPlan(trx, officer, programmeId, {
      title: 'Processplan Regionalt serviceprogram 2022–2030',
      planDate: '2022-02-01',
      caseId: theCase.id,
      roles: ROLES,
      milestones: MILESTONES
    });
  }

  // The consultation round on the draft, November 2022 – February 2023.
  const versions = await consultableVersions(trx, '23');
  const versionId =
    context.ids['programmeVersion.23.consultation'] ??
    versions.find((v) => v.programmeId === programmeId)?.id;
  const round = versionId
    ? await createConsultation(trx, officer, {
        title: 'Remiss: Regionalt serviceprogram Jämtland Härjedalen 2023–2030',
        versionId,
        sentOn: '2022-11-30',
        deadline: '2023-02-28',
        recipients: [...DEMO_MUNICIPALITIES, 'lansstyrelsen-23'],
        caseId: theCase.id
      })
    : await fallbackRound(trx, officer, theCase.id, programmeId);
  context.ids['consultation.23'] = round.id;
  const chapters = await trx.selectFrom('consultation_chapters').select('position').where('consultation_id', '=', round.id).orderBy('position').execute();
  for (const [organisationId, answer] of Object.entries(ANSWERS)) {
    const responder = await roleAccount(trx, `remiss.${organisationId}@demo.rsp`, organisationId, 'Landsbygdsutvecklare', 'Näringslivsenheten');
    const comments = Object.fromEntries(chapters.map((c, i) => [String(c.position), answer.chapters[i] ?? '']).filter(([, text]) => text));
    await saveAnswer(trx, responder, round.id, { generalComment: answer.general, comments, submit: true });
  }
  await recordReminder(trx, officer, round.id, 'kommun-2313');

  // The delegation decision of 2023-10-24.
  const adoptable = await adoptableRecords(trx, '23');
  const adopts = (key: string) => {
    const id = context.ids[key];
    return id && adoptable.some((r) => r.kind === 'actionPlan' && r.id === id) ? `actionPlan:${id}` : null;
  };
  const recordKey = (key: string) => (context.ids[key] && adoptable.some((r) => r.id === context.ids[key]) ? `actionPlan:${context.ids[key]}` : null);
  const decision = await createDecision(trx, officer, theCase.id, {
    title: 'Regionalt serviceprogram 2023–2030: Handlingsplan 2023 och 2024',
    date: DEMO_DECISION_DATE,
    makerKind: 'delegate',
    maker: 'Regional utvecklingsdirektör',
    paragraph: null,
    description: DESCRIPTION,
    delegation: 'Regionala utvecklingsnämndens beslut § 89/2023',
    basis: [
      { label: 'Protokollsutdrag § 89 Regionala utvecklingsnämnden Regionalt serviceprogram 2023–2030', documentId: null },
      { label: plan(2023), documentId: null, record: recordKey('actionPlan.23.2023') },
      { label: plan(2024), documentId: null, record: recordKey('actionPlan.23.2024') }
    ],
    points: [
      { text: `${plan(2023)} fastställs.`, adopts: adopts('actionPlan.23.2023') },
      { text: `${plan(2024)} fastställs.`, adopts: adopts('actionPlan.23.2024') }
    ],
    reportedTo: 'Regionala utvecklingsnämnden',
    reportedOn: null,
    distribution: [...DEMO_MUNICIPALITIES, 'lansstyrelsen-23', 'tillvaxtverket']
  }, { linkAlreadyAdopted: true });
  // If the programme step already recorded the plans as adopted, the decision links them without adopting twice.
  await signDecision(trx, director, decision.id, 1, { linkAlreadyAdopted: true });
  context.ids[`decision.${DEMO_DECISION_DATE}`] = decision.id;
  // The programme step recorded the adoption without a decision to point at; now there is one.
  const planIds = ['actionPlan.23.2023', 'actionPlan.23.2024'].map((key) => context.ids[key]).filter((id): id is string => !!id);
  if (planIds.length) {
    await trx.updateTable('action_plans').set({ decision_id: decision.id }).where('id', 'in', planIds).where('decision_id', 'is', null).execute();
  }
};

/** Without a programme version the round is recorded with the chapters it had, so the demo still shows it. */
async function fallbackRound(trx: Db, officer: Actor, caseId: string, programmeId: string | null): Promise<{ id: string }> {
  const row = await trx
    .insertInto('consultations')
    .values({
      organisation_id: 'region-23',
      county_code: '23',
      case_id: caseId,
      programme_id: programmeId,
      programme_version_id: null,
      title: 'Remiss: Regionalt serviceprogram Jämtland Härjedalen 2023–2030',
      sent_on: '2022-11-30',
      deadline: '2023-02-28',
      created_by: officer.user.id
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('consultation_chapters').values(FALLBACK_CHAPTERS.map((title, i) => ({ consultation_id: row.id, position: i + 1, title }))).execute();
  await trx.insertInto('consultation_recipients').values([...DEMO_MUNICIPALITIES, 'lansstyrelsen-23'].map((o) => ({ consultation_id: row.id, organisation_id: o }))).execute();
  await recordAudit(trx, officer, { action: 'create', entity: 'consultation', entityId: row.id, after: { source: 'demo' } });
  return row;
}
