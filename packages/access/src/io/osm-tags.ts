/**
 * OSM tag interpretation for a car network and for service points. Every table here is mirrored in
 * io/README.md; change both together.
 */
import type { ServiceType } from '../network/contract.js';
import type { Tags } from './pbf.js';

/**
 * Default speeds (km/h) per highway class, for Swedish roads where `maxspeed` is not tagged.
 * Rural defaults: the Swedish base limit outside built-up areas is 70, many national roads are 80–100,
 * motorways 110–120. Minor classes get speeds below their limit because gravel, curves and junctions
 * keep real speeds down; travel time is secondary to distance in this analysis (Pipos reports km).
 */
export const DEFAULT_SPEED_KMH: Readonly<Record<string, number>> = {
  motorway: 110,
  motorway_link: 60,
  trunk: 90,
  trunk_link: 50,
  primary: 80,
  primary_link: 50,
  secondary: 70,
  secondary_link: 40,
  tertiary: 60,
  tertiary_link: 40,
  unclassified: 50,
  residential: 40,
  living_street: 10,
  service: 20,
  road: 40,
  track: 20,
};

/** Ferry default when neither `duration` nor `maxspeed` says otherwise (incl. boarding). */
export const FERRY_SPEED_KMH = 15;

/** `maxspeed` implicit values (country:zone), km/h. */
const IMPLICIT_MAXSPEED: Readonly<Record<string, number>> = {
  'SE:rural': 70,
  'SE:urban': 50,
  'SE:motorway': 110,
  'SE:trunk': 90,
  'SE:living_street': 7,
  'SE:walk': 7,
  walk: 7,
};

/** Access values that shut out ordinary cars. `destination`, `customers`, `permissive` stay open. */
const DENIED_ACCESS = new Set(['no', 'private', 'agricultural', 'forestry', 'delivery', 'emergency', 'military', 'permit', 'use_sidepath']);

/** Track grades passable by an ordinary car (grade1 paved/solid, grade2 gravel). */
const CAR_TRACKTYPES = new Set(['grade1', 'grade2']);

export type WayClass =
  | { usable: true; highway: string; /** 1 forward only, -1 backward only, 0 both */ oneway: 0 | 1 | -1; speedKmh: number; /** fixed minutes for the whole way (ferry `duration`) */ durationMin?: number }
  | { usable: false; reason: string };

function yes(v: string | undefined): boolean {
  return v === 'yes' || v === 'true' || v === '1';
}

/**
 * The car-access decision: the most specific mode tag present wins (motorcar > motor_vehicle >
 * vehicle > access), as in OSM's access hierarchy. Returns true/false, or undefined when nothing is tagged.
 */
export function carAccess(tags: Tags): boolean | undefined {
  for (const k of ['motorcar', 'motor_vehicle', 'vehicle', 'access']) {
    const v = tags[k];
    if (v === undefined) continue;
    // Conditional or multi-valued tags (e.g. "no;destination"): the first value decides.
    const first = v.split(';')[0].trim();
    return !DENIED_ACCESS.has(first);
  }
  return undefined;
}

/** Parses a `maxspeed` value to km/h; undefined when unusable (then the class default applies). */
export function parseMaxspeed(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  // "50;70" (several signs on one way): the lowest is the safe reading.
  const parts = raw.split(';').map((p) => p.trim()).filter(Boolean);
  let best: number | undefined;
  for (const p of parts) {
    const v = parseOneMaxspeed(p);
    if (v !== undefined && (best === undefined || v < best)) best = v;
  }
  return best;
}

function parseOneMaxspeed(p: string): number | undefined {
  const implicit = IMPLICIT_MAXSPEED[p];
  if (implicit !== undefined) return implicit;
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph|knots)?$/i.exec(p);
  if (!m) return undefined; // "none", "signals", "variable", other countries' zones: fall back to class default
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'mph') return n * 1.609344;
  if (unit === 'knots') return n * 1.852;
  return n;
}

/** Parses OSM `duration` ("HH:MM", "HH:MM:SS", "MM", ISO 8601 "PT1H30M") into minutes. */
export function parseDuration(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const hms = /^(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?$/.exec(raw.trim());
  if (hms) {
    if (hms[2] === undefined) return Number(hms[1]);
    return Number(hms[1]) * 60 + Number(hms[2]) + (hms[3] ? Number(hms[3]) / 60 : 0);
  }
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(raw.trim());
  if (iso && (iso[1] || iso[2] || iso[3])) return Number(iso[1] ?? 0) * 60 + Number(iso[2] ?? 0) + Number(iso[3] ?? 0) / 60;
  return undefined;
}

function onewayOf(tags: Tags, impliedForward: boolean): 0 | 1 | -1 {
  // A mode-specific oneway (e.g. oneway:motor_vehicle=no on a contraflow street) overrides the generic one.
  const v = tags['oneway:motorcar'] ?? tags['oneway:motor_vehicle'] ?? tags.oneway;
  if (v === undefined) return impliedForward ? 1 : 0;
  if (yes(v)) return 1;
  if (v === '-1' || v === 'reverse') return -1;
  // "no", "reversible", "alternating": usable both ways (over the day) — the analysis is not time-of-day aware.
  return 0;
}

export function classifyWay(tags: Tags): WayClass {
  const highway = tags.highway;
  if (highway === undefined) {
    if (tags.route === 'ferry') {
      // Car ferries matter in Sweden (Trafikverket's road ferries); only explicitly car-carrying ones.
      const mv = tags.motorcar ?? tags.motor_vehicle;
      if (!yes(mv) && mv !== 'designated' && mv !== 'permissive') return { usable: false, reason: 'ferry_not_for_cars' };
      const durationMin = parseDuration(tags.duration);
      return { usable: true, highway: 'ferry', oneway: onewayOf(tags, false), speedKmh: parseMaxspeed(tags.maxspeed) ?? FERRY_SPEED_KMH, durationMin };
    }
    return { usable: false, reason: 'not_highway' };
  }
  const defaultSpeed = DEFAULT_SPEED_KMH[highway];
  if (defaultSpeed === undefined) return { usable: false, reason: `highway_${highway}` };
  if (tags.area === 'yes') return { usable: false, reason: 'highway_area' };
  const access = carAccess(tags);
  if (access === false) return { usable: false, reason: 'access_denied' };
  if (highway === 'track' && access !== true && !CAR_TRACKTYPES.has(tags.tracktype ?? '')) {
    return { usable: false, reason: 'track_not_for_cars' };
  }
  // OSM convention: motorways are one-way carriageways; roundabouts are one-way by definition.
  const implied = highway === 'motorway' || tags.junction === 'roundabout' || tags.junction === 'circular';
  const speedKmh = Math.min(parseMaxspeed(tags.maxspeed) ?? defaultSpeed, 130);
  // A maxspeed above the class's typical speed is kept (it is the sign), but "none" etc. fall back above.
  return { usable: true, highway, oneway: onewayOf(tags, implied), speedKmh };
}

/**
 * Service types an OSM element provides. One element can carry several (a supermarket with atm=yes).
 */
export function poiTypes(tags: Tags): ServiceType[] {
  const out = new Set<ServiceType>();
  const shop = tags.shop;
  const amenity = tags.amenity;
  if (shop === 'supermarket') {
    out.add('grocery_full');
    out.add('grocery');
  } else if (shop === 'convenience' || shop === 'grocery' || shop === 'general' || shop === 'food') {
    out.add('grocery');
  }
  if (amenity === 'fuel') out.add('fuel');
  if (amenity === 'pharmacy' || tags.healthcare === 'pharmacy') out.add('pharmacy');
  if (amenity === 'atm' || tags.atm === 'yes') out.add('cash');
  if (
    amenity === 'post_office' ||
    amenity === 'parcel_locker' ||
    tags.post_office === 'post_partner' ||
    yes(tags.post_partner) ||
    (amenity === 'vending_machine' && /(^|;)parcel_(pickup|mail_in)(;|$)/.test(tags.vending ?? ''))
  ) {
    out.add('parcel');
  }
  return [...out];
}

/** Tags worth carrying into a point's attributes (provenance and what an analyst checks first). */
export const POI_ATTRIBUTE_KEYS = ['shop', 'amenity', 'healthcare', 'atm', 'brand', 'operator', 'opening_hours', 'post_office', 'vending', 'check_date'];
