/** The service types as the pages list them (the same list as the server's analysis/types.ts, which the browser cannot import). */
export const SERVICE_TYPES = ['grocery_full', 'grocery', 'fuel', 'pharmacy', 'parcel', 'cash'] as const;
export const BAND_EDGES = [0, 2, 5, 10, 20];
