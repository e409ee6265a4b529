import type { DemoStep } from '../demo/types';
import { recordAudit } from '../audit';

/**
 * Jämtland Härjedalen's result report for 2024, partly written. The facts (Landsbygdspotten, the network
 * Service Z, ERDF and Interreg co-financing, the analysis levels) come from the region's real report; the
 * sentences are written for this demo. Section 5.1 is answered, so the report can be submitted.
 */
const ANSWERS: { question: string; text: string; choice?: 'yes' | 'no' | 'na'; basis?: 'uppfoljning' | 'utvardering' | 'egen_bedomning' }[] = [
  {
    question: '1.1',
    text: [
      'Serviceprogrammet för 2023–2030 bygger på den regionala utvecklingsstrategin och de mål och långsiktiga prioriteringar som hör till den. Årets handlingsplan togs fram tillsammans med kommunernas landsbygdsutvecklare och Länsstyrelsen i nätverket Service Z, där regionen är sammankallande.',
      'Landsbygdspotten, som regionen finansierar ur sin ordinarie budget, var under året det viktigaste verktyget för små lokala initiativ. Av 22 ansökningar beviljades 11, med projekt i Strömsund, Ragunda, Härjedalen, Östersund och Krokom.'
    ].join('\n\n')
  },
  {
    question: '1.2',
    text: 'Varje projekt i Landsbygdspotten ska i ansökan visa hur det bidrar till ekonomisk, social och ekologisk hållbarhet. I uppföljningen av handlingsplanen redovisar kommunerna hur insatserna påverkar både butikernas lönsamhet och människors möjlighet att mötas på orten.'
  },
  {
    question: '1.3',
    text: 'Analysen av tillgången till service görs på kommunnivå, för DeSO- och RegSO-områden och i rutor om 1 000 meter. Det gör det möjligt att se skillnader mellan tätort, tätortsnära landsbygd och glesa områden långt från närmaste dagligvarubutik.'
  },
  {
    question: '1.4',
    text: 'Under året genomfördes handlingsplanens insatser enligt plan. Uppföljningen för 2024 har rapporterats till Tillväxtverket enligt myndighetens riktlinjer.'
  },
  {
    question: '1.5',
    text: 'Det är för tidigt att mäta effekter av programmet. Bedömningen är att stöden har bidragit till att butiker i glesa områden har kunnat hålla öppet.',
    basis: 'egen_bedomning'
  },
  {
    question: '2.1',
    text: 'Kompetensförsörjningen följs upp inom ramen för den regionala utvecklingsstrategin. Arbetet med handelns kompetensbehov på landsbygden påbörjades under året och fortsätter 2025.'
  },
  {
    question: '5.1a',
    choice: 'yes',
    text: 'Besluten om projekt- och företagsstöd motiveras utifrån strategins mål och de långsiktiga prioriteringar som antogs under året. En ny mall för strategiska yttranden gör kopplingen tydligare i varje ärende.'
  },
  {
    question: '5.1b',
    choice: 'yes',
    text: 'Under året fick 10 projekt i Regionalfonden regional medfinansiering, sammanlagt 19 873 598 kr. Totalt pågår 28 sådana projekt med regional medfinansiering på omkring 80 miljoner kronor.'
  },
  {
    question: '5.1c',
    choice: 'yes',
    text: 'Ett projekt inom Interreg Sverige–Norge beviljades 2 569 697 kr i regional medfinansiering. Sju Interregprojekt med regional medfinansiering pågår, sammanlagt 8 530 674 kr.'
  },
  {
    question: '5.1d',
    choice: 'na',
    text: 'Länet omfattas inte av Fonden för en rättvis omställning.'
  },
  {
    question: '5.2',
    text: 'Hållbarhet vägs in i bedömningen av varje ansökan. Stöd till kommersiell service har beviljats i länets alla kommuner, och fördelningen per kommun redovisas varje kvartal.'
  },
  {
    question: '6.1',
    text: 'Regionen använder Tillväxtverkets Pipos, både Regionalanalys och Serviceanalys, för att följa tillgången till service. Projektstöd klassas i Nyps med nationell prioritering och lokal klassificering, vilket gör det lättare att följa upp besluten.'
  },
  {
    question: '6.3',
    text: 'Analyser görs på flera geografiska nivåer, ibland ner till rutor om 500 meter. Små värden under kommunnivå kan inte alltid redovisas av sekretesskäl.'
  }
];

export const demo: DemoStep = async (trx, context) => {
  const author = context.users['region@demo.rsp'] ?? null;
  const report = await trx.insertInto('result_reports').values({ county_code: '23', year: 2024 }).returning('id').executeTakeFirstOrThrow();
  context.ids['reporting.report.23.2024'] = report.id;
  for (const answer of ANSWERS) {
    const row = { report_id: report.id, question_number: answer.question, text: answer.text, choice: answer.choice ?? null, basis: answer.basis ?? null, version: 1 };
    await trx.insertInto('result_report_answers').values({ ...row, updated_by: author }).execute();
    await trx.insertInto('result_report_answer_versions').values({ ...row, saved_by: author }).execute();
  }
  await recordAudit(trx, null, {
    action: 'create',
    entity: 'resultReport',
    entityId: '23/2024',
    organisationId: 'region-23',
    after: { answers: ANSWERS.length, source: 'demo' }
  });
};
