/**
 * Swedish organisationsnummer (and personnummer, which sole traders use): ten digits, the last a Luhn
 * check digit over the first nine. Written as NNNNNN-NNNN; Skatteverket also writes twelve digits with a
 * century prefix ("16" for legal entities, "19"/"20" for people). Stored as the ten digits.
 */
const PATTERN = /^(?:(16|19|20))?(\d{6})-?(\d{4})$/;

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The ten digits of a valid number, or null (wrong shape or wrong check digit). */
export function normaliseOrgNumber(input: string): string | null {
  const match = PATTERN.exec(input.trim().replace(/\s+/g, ''));
  if (!match) return null;
  const digits = match[2] + match[3];
  return luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]) ? digits : null;
}

export function isValidOrgNumber(input: string): boolean {
  return normaliseOrgNumber(input) !== null;
}

/** NNNNNN-NNNN, the way it is printed on decisions. */
export function formatOrgNumber(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;
}

/** A deterministic generator of valid numbers (for demo data): a seeded LCG, never Math.random. */
export function orgNumberGenerator(seed: number, prefix: string): () => string {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const body = (prefix + String(state).padStart(10, '0')).slice(0, 9);
    return body + luhnCheckDigit(body);
  };
}
