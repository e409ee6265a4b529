import * as z from 'zod';

/** The engine's service types (Pipos Serviceanalys' categories, simplified); labels in the message catalog. */
export const SERVICE_TYPES = ['grocery_full', 'grocery', 'fuel', 'pharmacy', 'parcel', 'cash'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const DATASET_KINDS = ['network', 'population', 'service_points', 'boundaries'] as const;

/** Square-level populations below this are suppressed in exports and on the map. */
export const SUPPRESS_THRESHOLD = 5;

export const serviceTypeSchema = z.enum(SERVICE_TYPES, { error: 'analysis.error.serviceType' });
/** A county (2 digits) or a municipality (4 digits). */
export const areaSchema = z.string({ error: 'analysis.error.area' }).trim().regex(/^(\d{2}|\d{4})$/, { error: 'analysis.error.area' });
