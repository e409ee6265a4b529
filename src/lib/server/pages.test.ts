import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { Actor } from './auth/actor';
import { forbidden, notFound, unauthenticated } from './errors';
import { countyOf, guardPage, redirectToSignIn, requireSignedIn, yearOf } from './pages';

const actorIn = (countyCode: string | null) => ({ organisation: { countyCode } }) as unknown as Actor;

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
};

describe('requireSignedIn', () => {
  it('returns the actor when signed in', () => {
    const actor = actorIn('23');
    expect(requireSignedIn({ actor }, new URL('http://x/stod?lan=23'))).toBe(actor);
  });

  it('sends the public to sign in and back to the page with its query', () => {
    const e = thrown(() => requireSignedIn({ actor: null }, new URL('http://x/analys/data?lan=23&typ=post')));
    expect(isRedirect(e)).toBe(true);
    expect(e).toMatchObject({ status: 303, location: `/logga-in?redirectTo=${encodeURIComponent('/analys/data?lan=23&typ=post')}` });
  });

  it('can come back without the query (the pages that always did)', () => {
    const e = thrown(() => requireSignedIn({ actor: null }, new URL('http://x/profil?a=1'), { keepSearch: false }));
    expect(e).toMatchObject({ status: 303, location: '/logga-in?redirectTo=%2Fprofil' });
    expect(thrown(() => redirectToSignIn(new URL('http://x/program?a=1')))).toMatchObject({ location: '/logga-in?redirectTo=%2Fprogram%3Fa%3D1' });
  });
});

describe('guardPage', () => {
  it('passes the value through', async () => {
    expect(await guardPage(async () => 42)).toBe(42);
  });

  it('turns a domain error into the error page with its status and catalog key', async () => {
    const e = await guardPage(async () => {
      throw forbidden();
    }).catch((x: unknown) => x);
    expect(isHttpError(e)).toBe(true);
    expect(e).toMatchObject({ status: 403, body: { message: 'error.forbidden' } });
    expect(await guardPage(async () => { throw notFound(); }).catch((x: unknown) => x)).toMatchObject({ status: 404 });
  });

  it('rethrows anything else unchanged', async () => {
    const boom = new Error('boom');
    expect(await guardPage(async () => { throw boom; }).catch((x: unknown) => x)).toBe(boom);
  });

  it('runs onUnauthenticated for a 401 only, and still shows 401 when it does not redirect', async () => {
    const calls: string[] = [];
    const e = await guardPage(async () => { throw unauthenticated(); }, () => calls.push('401')).catch((x: unknown) => x);
    expect(calls).toEqual(['401']);
    expect(e).toMatchObject({ status: 401, body: { message: 'error.unauthenticated' } });
    await guardPage(async () => { throw forbidden(); }, () => calls.push('403')).catch(() => undefined);
    expect(calls).toEqual(['401']);
    const r = await guardPage(async () => { throw unauthenticated(); }, () => redirectToSignIn(new URL('http://x/oversikt?ar=2024'))).catch((x: unknown) => x);
    expect(r).toMatchObject({ status: 303, location: '/logga-in?redirectTo=%2Foversikt%3Far%3D2024' });
  });
});

describe('countyOf', () => {
  it('takes ?lan=NN, else the actor\'s county, else 23', () => {
    expect(countyOf(actorIn('23'), new URL('http://x/?lan=01'))).toBe('01');
    expect(countyOf(actorIn('23'), new URL('http://x/?lan=1'))).toBe('23');
    expect(countyOf(actorIn('23'), new URL('http://x/?lan=abc'))).toBe('23');
    expect(countyOf(actorIn('12'), new URL('http://x/'))).toBe('12');
    expect(countyOf(actorIn(null), new URL('http://x/'))).toBe('23');
  });
});

describe('yearOf', () => {
  it('takes ?ar= when it is a whole year between 2000 and 2100, else the fallback', () => {
    expect(yearOf(new URL('http://x/?ar=2024'), 1)).toBe(2024);
    expect(yearOf(new URL('http://x/'), 1)).toBe(1);
    expect(yearOf(new URL('http://x/?ar=1999'), 1)).toBe(1);
    expect(yearOf(new URL('http://x/?ar=2101'), 1)).toBe(1);
    expect(yearOf(new URL('http://x/?ar=2024.5'), 1)).toBe(1);
    expect(yearOf(new URL('http://x/?ar=x'), 1)).toBe(1);
  });

  it('reads another parameter and range when a page asks', () => {
    expect(yearOf(new URL('http://x/?year=2024&ar=2020'), 1, 'year')).toBe(2024);
    expect(yearOf(new URL('http://x/?ar=2013'), 1, 'ar', { min: 2014, max: 2026 })).toBe(1);
    expect(yearOf(new URL('http://x/?ar=2026'), 1, 'ar', { min: 2014, max: 2026 })).toBe(2026);
  });
});
