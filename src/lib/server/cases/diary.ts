/**
 * Diary numbers (diarienummer) in the pattern registers use: REGISTER/running number/year, e.g. RUN/536/2021.
 * The register is the organisation's own prefix; the running number restarts each year.
 */
export interface DiaryNumber {
  register: string;
  runningNumber: number;
  year: number;
}

const PATTERN = /^([A-ZÅÄÖ]{1,10})\/([1-9][0-9]{0,5})\/((?:19|20|21)[0-9]{2})$/;

export function parseDiaryNumber(text: string): DiaryNumber | null {
  const match = PATTERN.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { register: match[1], runningNumber: Number(match[2]), year: Number(match[3]) };
}

export function formatDiaryNumber(d: DiaryNumber): string {
  return `${d.register}/${d.runningNumber}/${d.year}`;
}
