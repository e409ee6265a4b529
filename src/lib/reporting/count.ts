/**
 * The one counting rule of the result report, used by the browser's live counter and by the server's
 * validation alike (so what the editor shows is what the server accepts).
 *
 * Characters are counted the way a person (and a word processor's "characters with spaces") sees them:
 * one per grapheme cluster, so "å" is one whether typed precomposed or as "a" + combining ring, and an emoji
 * — even a ZWJ family or a flag — is one. Spaces count; line and paragraph breaks do not.
 */

/** Grapheme clusters that are line or paragraph breaks (CR LF is one cluster). */
const BREAKS = new Set(['\n', '\r', '\r\n', '\u2028', '\u2029']);

let segmenter: Intl.Segmenter | undefined;

/** Characters below U+0300 never join a neighbour below U+0300 into one cluster (except CR LF, a break anyway). */
const SIMPLE_BELOW = 0x300;

function countSegments(text: string): number {
  segmenter ??= new Intl.Segmenter('sv', { granularity: 'grapheme' });
  let count = 0;
  // Line breaks are Control characters for grapheme segmentation, so each stands alone as a cluster.
  for (const { segment } of segmenter.segment(text)) if (!BREAKS.has(segment)) count += 1;
  return count;
}

/**
 * Counts like `Intl.Segmenter` would over the whole text, but only segments the stretches around characters
 * from U+0300 up (combining marks, emoji, other scripts) together with their neighbours: plain Swedish text
 * is counted directly, which keeps the live counter fast on a 15 000-character section.
 */
export function countCharacters(text: string): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < SIMPLE_BELOW && (i + 1 >= n || text.charCodeAt(i + 1) < SIMPLE_BELOW)) {
      if (c !== 10 && c !== 13) count += 1;
      i += 1;
      continue;
    }
    // A stretch: the character before the first complex one, every complex one, and one plain character
    // after each (a ZWJ may join e.g. "©"), continued while complex characters follow.
    let j = i + 1;
    while (j < n && (text.charCodeAt(j) >= SIMPLE_BELOW || text.charCodeAt(j - 1) >= SIMPLE_BELOW)) j += 1;
    count += countSegments(text.slice(i, j));
    i = j;
  }
  return count;
}

/** The rule written plainly, over the whole text (the reference the fast path is tested against). */
export function countCharactersBySegmenter(text: string): number {
  return text.length === 0 ? 0 : countSegments(text);
}

export type LimitState = 'ok' | 'warning' | 'over';

/** From this share of the limit on, the counter warns (GOV.UK shows its count message near the limit). */
export const WARNING_SHARE = 0.9;

/** A section is within its limit when its characters are at most the limit: the limit itself is allowed. */
export function withinLimit(count: number, limit: number): boolean {
  return count <= limit;
}

export function limitState(count: number, limit: number): LimitState {
  if (!withinLimit(count, limit)) return 'over';
  return count >= Math.ceil(limit * WARNING_SHARE) ? 'warning' : 'ok';
}

/** Swedish number formatting with a space between thousands ("11 000"). */
export function formatCount(value: number, locale: 'sv' | 'en' = 'sv'): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(value);
}
