/**
 * The follow-up deadline: a region reports the year's follow-up to Tillväxtverket in quarter 1 of the next
 * year, so the deadline is 31 March of year + 1. Pure functions on ISO dates (no clock, no time zone) so the
 * boundaries can be tested exactly; callers pass "today" as the date in Europe/Stockholm.
 */
export type DeadlineState = 'open' | 'dueSoon' | 'overdue' | 'submitted' | 'submittedLate';

/** Days before the deadline from which the follow-up page warns. */
export const WARN_DAYS = 30;

export function followUpDeadline(year: number): string {
  return `${year + 1}-03-31`;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(iso: string): number {
  if (!ISO.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export interface DeadlineStatus {
  deadline: string;
  state: DeadlineState;
  /** Whole days from today to the deadline; negative when overdue. */
  daysLeft: number;
}

/**
 * The state of a year's follow-up on `today`: submitted on or before the deadline → submitted; after it →
 * submittedLate; not submitted: more than WARN_DAYS left → open, WARN_DAYS … 0 days left → dueSoon (the
 * deadline day itself still counts as in time), past it → overdue.
 */
export function deadlineStatus(year: number, today: string, submittedDate: string | null): DeadlineStatus {
  const deadline = followUpDeadline(year);
  const daysLeft = dayNumber(deadline) - dayNumber(today);
  if (submittedDate) return { deadline, daysLeft, state: dayNumber(submittedDate) <= dayNumber(deadline) ? 'submitted' : 'submittedLate' };
  if (daysLeft < 0) return { deadline, daysLeft, state: 'overdue' };
  if (daysLeft <= WARN_DAYS) return { deadline, daysLeft, state: 'dueSoon' };
  return { deadline, daysLeft, state: 'open' };
}

/** Today's date in Europe/Stockholm as YYYY-MM-DD (a deadline is a Swedish calendar day). */
export function todayInSweden(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
