import type { Actor } from '../auth/actor';
import { can } from '../auth/policy';
import { SERVICE_TYPES, type ServiceType } from './types';

/** Helpers for the analysis pages: the area and service type asked for, and what the user may do (sign-in, errors and county are in ../pages). */
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
