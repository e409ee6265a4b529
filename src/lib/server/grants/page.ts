/** Helpers for the grants pages: the quarter asked for (sign-in, errors, county and year are in ../pages). */
export function quarterOf(url: URL): number | undefined {
  const q = Number(url.searchParams.get('kvartal'));
  return Number.isInteger(q) && q >= 1 && q <= 4 ? q : undefined;
}
