import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deadlineStatus, followUpDeadline, todayInSweden, WARN_DAYS } from './deadline';

describe('follow-up deadline', () => {
  it('is the end of quarter 1 of the next year', () => {
    expect(followUpDeadline(2023)).toBe('2024-03-31');
    expect(followUpDeadline(2030)).toBe('2031-03-31');
  });

  it('is open until the warning window, warns inside it including the deadline day, and is overdue the day after', () => {
    expect(deadlineStatus(2023, '2024-02-29', null)).toEqual({ deadline: '2024-03-31', state: 'open', daysLeft: 31 });
    expect(deadlineStatus(2023, '2024-03-01', null)).toEqual({ deadline: '2024-03-31', state: 'dueSoon', daysLeft: WARN_DAYS });
    expect(deadlineStatus(2023, '2024-03-31', null)).toEqual({ deadline: '2024-03-31', state: 'dueSoon', daysLeft: 0 });
    expect(deadlineStatus(2023, '2024-04-01', null)).toEqual({ deadline: '2024-03-31', state: 'overdue', daysLeft: -1 });
    expect(deadlineStatus(2023, '2023-06-15', null).state).toBe('open');
  });

  it('counts a leap year correctly (2024-03-01 is 30 days before 2024-03-31, 2025-03-01 too)', () => {
    expect(deadlineStatus(2024, '2025-03-01', null).daysLeft).toBe(30);
    expect(deadlineStatus(2024, '2025-02-28', null)).toMatchObject({ state: 'open', daysLeft: 31 });
  });

  it('is submitted when handed in on or before the deadline and submittedLate after it, whatever today is', () => {
    expect(deadlineStatus(2023, '2024-09-01', '2024-03-31').state).toBe('submitted');
    expect(deadlineStatus(2023, '2024-09-01', '2024-04-01').state).toBe('submittedLate');
    expect(deadlineStatus(2023, '2024-01-10', '2024-01-10').state).toBe('submitted');
  });

  it('never says overdue before the deadline nor open after it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: -800, max: 800 }), (year, offset) => {
        const day = new Date(Date.UTC(year + 1, 2, 31) + offset * 86_400_000).toISOString().slice(0, 10);
        const s = deadlineStatus(year, day, null);
        expect(s.daysLeft + offset).toBe(0);
        expect(s.state).toBe(offset > 0 ? 'overdue' : offset >= -WARN_DAYS ? 'dueSoon' : 'open');
      })
    );
  });

  it('takes today in Stockholm, not UTC', () => {
    expect(todayInSweden(new Date('2024-03-31T22:30:00Z'))).toBe('2024-04-01');
    expect(todayInSweden(new Date('2024-12-31T22:59:59Z'))).toBe('2024-12-31');
  });

  it('rejects a malformed date instead of guessing', () => {
    expect(() => deadlineStatus(2023, '31/03/2024', null)).toThrow();
  });
});
