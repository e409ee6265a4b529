import type { Queryable } from '../db';
import type { Fact } from '../reporting/fact';
import { buildReport } from './reports';

const kr = (n: number) => new Intl.NumberFormat('sv-SE').format(n);
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Figures the grants domain knows for a county and year, offered beside the result-report editor:
 * section 5 (anslag 1:1) gets grants per fund with counts and sums and the ERDF/Interreg co-financing;
 * Landsbygdspotten-like regional funds also appear in section 1 (applications handled and granted).
 * The result report checks who may read it; this seam reads the figures without an actor.
 */
export async function grantFacts(db: Queryable, countyCode: string, year: number): Promise<Fact[]> {
  const report = await buildReport(db, countyCode, { year });
  const source = `RSP, stöd och fonder: beslut ${year} i ${report.countyName}`;
  const facts: Fact[] = [];
  for (const f of report.byFund) {
    const id = `grants.fund.${slug(f.fund)}`;
    if (f.kind === 'erdf_cofinancing') {
      facts.push({
        id: `${id}.granted`,
        section: 5,
        label: `${f.fund} ${year}: projekt som beviljats regional medfinansiering`,
        text: `Under ${year} beviljades regional medfinansiering till ${f.granted} projekt inom Regionalfonden, sammanlagt ${kr(f.grantedSek)} kr.`,
        source
      });
    } else if (f.kind === 'interreg_cofinancing') {
      facts.push({
        id: `${id}.granted`,
        section: 5,
        label: `${f.fund} ${year}: projekt som beviljats regional medfinansiering`,
        text: `Under ${year} beviljades regional medfinansiering till ${f.granted} projekt inom Interreg (${f.fund}), sammanlagt ${kr(f.grantedSek)} kr.`,
        source
      });
    } else {
      facts.push({
        id: `${id}.granted`,
        section: 5,
        label: `${f.fund} ${year}: beviljade stöd`,
        text: `Under ${year} beviljades ${f.granted} stöd inom ${f.fund}, sammanlagt ${kr(f.grantedSek)} kr.`,
        source
      });
    }
    if (f.kind === 'regional_fund') {
      const text = `Under ${year} kom ${f.applications} ansökningar in till ${f.fund}, och ${f.granted} av dem beviljades.`;
      facts.push({ id: `${id}.applications`, section: 1, label: `${f.fund} ${year}: ansökningar och beviljade`, text, source });
      facts.push({ id: `${id}.applications.s5`, section: 5, label: `${f.fund} ${year}: ansökningar och beviljade`, text, source });
    }
    if (f.kind === 'commercial_service') {
      const lines = report.byFundAndForm.filter((l) => l.fundId === f.fundId && l.granted > 0);
      if (lines.length) {
        const forms = lines.map((l) => `${FORM_LABEL[l.supportForm]} ${l.granted} (${kr(l.grantedSek)} kr)`).join(', ');
        facts.push({ id: `${id}.forms`, section: 5, label: `${f.fund} ${year}: per stödform`, text: `Beviljat stöd till kommersiell service ${year} per stödform: ${forms}.`, source });
      }
    }
  }
  const withGrants = report.byMunicipality.filter((m) => m.granted > 0);
  if (report.byMunicipality.length) {
    facts.push({
      id: 'grants.municipalities.spread',
      section: 5,
      label: `Beviljade stöd ${year} per kommun`,
      text: `Under ${year} gick beviljade stöd till verksamhet i ${withGrants.length} av länets ${report.byMunicipality.length} kommuner: ${withGrants.map((m) => `${m.name} ${kr(m.grantedSek)} kr`).join(', ')}.`,
      source
    });
  }
  return facts;
}

const FORM_LABEL: Record<string, string> = {
  investeringsbidrag: 'investeringsbidrag',
  investeringslan: 'investeringslån',
  servicebidrag: 'servicebidrag',
  hemsandningsbidrag: 'hemsändningsbidrag',
  sarskilt_driftstod: 'särskilt driftstöd',
  projektstod: 'projektstöd'
};
