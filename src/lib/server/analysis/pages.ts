import { error, redirect } from '@sveltejs/kit';
import type { Actor } from '../auth/actor';
import { can } from '../auth/policy';
import { DomainError } from '../errors';
import { SERVICE_TYPES, type ServiceType } from './types';

/** Helpers for the analysis pages: sign-in redirect, domain errors as error pages, the county and type asked for. */
export function signedIn(locals: App.Locals, url: URL): Actor {
  if (!locals.actor) redirect(303, `/logga-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  return locals.actor;
}

export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) error(e.status, e.messageKey);
    throw e;
  }
}

/** ?lan=NN, else the user's own county; Tillväxtverket (no county) sees Jämtland's demo until it picks one. */
export function countyOf(actor: Actor, url: URL): string {
  const asked = url.searchParams.get('lan');
  if (asked && /^\d{2}$/.test(asked)) return asked;
  return actor.organisation.countyCode ?? '23';
}

export function areaOf(url: URL, county: string): string {
  const asked = url.searchParams.get('omrade');
  return asked && /^(\d{2}|\d{4})$/.test(asked) && asked.startsWith(county) ? asked : county;
}

export function typeOf(url: URL): ServiceType {
  const asked = url.searchParams.get('typ');
  return (SERVICE_TYPES as readonly string[]).includes(asked ?? '') ? (asked as ServiceType) : 'grocery';
}

export function rights(actor: Actor, county: string) {
  return {
    canEdit: can(actor, 'county.edit', { type: 'county', countyCode: county }),
    municipality: actor.organisation.kind === 'municipality' && actor.organisation.countyCode === county && (actor.role === 'admin' || actor.role === 'editor') ? actor.organisation.municipalityCode : null
  };
}

/** Optional basemap (off by default): a MapLibre style URL; our own layers are drawn on top of it. */
export function basemapUrl(): string | null {
  return process.env.RSP_BASEMAP_STYLE_URL || null;
}
