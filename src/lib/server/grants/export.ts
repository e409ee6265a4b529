import { renderXlsx } from '../documents/xlsx';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import type { GrantReport } from './reports';

/** The report page's two tables as an Excel workbook, with the same figures (built from the same report). */
export async function reportWorkbook(report: GrantReport, locale: Locale): Promise<Buffer> {
  const t = (k: MessageKey) => translate(locale, k);
  return renderXlsx(
    [
      {
        name: t('grants.report.sheetFund'),
        columns: [
          { header: t('grants.col.fund'), key: 'fund', width: 44 },
          { header: t('grants.col.form'), key: 'form', width: 22 },
          { header: t('grants.report.applications'), key: 'applications', kind: 'integer' },
          { header: t('grants.report.appliedSek'), key: 'appliedSek', kind: 'money', width: 16 },
          { header: t('grants.report.granted'), key: 'granted', kind: 'integer' },
          { header: t('grants.report.grantedSek'), key: 'grantedSek', kind: 'money', width: 16 },
          { header: t('grants.report.paidSek'), key: 'paidSek', kind: 'money', width: 16 }
        ],
        rows: report.byFundAndForm.map((l) => ({ fund: l.fund, form: t(`grants.form.${l.supportForm}` as MessageKey), applications: l.applications, appliedSek: l.appliedSek, granted: l.granted, grantedSek: l.grantedSek, paidSek: l.paidSek }))
      },
      {
        name: t('grants.report.sheetMunicipality'),
        columns: [
          { header: t('common.code'), key: 'code' },
          { header: t('grants.report.municipality'), key: 'name', width: 20 },
          { header: t('grants.report.applications'), key: 'applications', kind: 'integer' },
          { header: t('grants.report.granted'), key: 'granted', kind: 'integer' },
          { header: t('grants.report.grantedSek'), key: 'grantedSek', kind: 'money', width: 16 },
          { header: t('grants.report.paidSek'), key: 'paidSek', kind: 'money', width: 16 }
        ],
        rows: report.byMunicipality.map((m) => ({ ...m }))
      }
    ],
    { title: `${t('grants.report.title')} ${report.countyName} ${report.period.year}` }
  );
}
