import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countCharacters, countCharactersBySegmenter, formatCount, limitState, withinLimit } from './count';

const LINE_BREAKS = ['\n', '\r\n', '\r', '\u2028', '\u2029'];
const lineBreak = fc.constantFrom(...LINE_BREAKS);
/** Text without any line break character. */
const lineText = fc.string({ unit: 'grapheme' }).filter((s) => !/[\n\r\u2028\u2029]/.test(s));
const anyText = fc.string({ unit: 'binary' });

describe('countCharacters', () => {
  it('counts what a person sees', () => {
    expect(countCharacters('')).toBe(0);
    expect(countCharacters('Hej på dig')).toBe(10);
    expect(countCharacters('a\u030a')).toBe(1); // a + combining ring above
    expect(countCharacters('\u00e5')).toBe(1);
    expect(countCharacters('👍')).toBe(1);
    expect(countCharacters('👍🏽')).toBe(1); // with a skin tone modifier
    expect(countCharacters('👨‍👩‍👧‍👦')).toBe(1); // a ZWJ family
    expect(countCharacters('🇸🇪')).toBe(1); // a flag (two regional indicators)
    expect(countCharacters('rad ett\nrad två\r\nrad tre\rfyra\u2028fem\u2029')).toBe(7 + 7 + 7 + 4 + 3);
  });

  it('never counts more than the UTF-16 length and never less than zero, for any Unicode text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const n = countCharacters(s);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(s.length);
      })
    );
  });

  it('counts composed and decomposed text alike (NFC = NFD)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('å', 'ä', 'ö', 'Å', 'é', 'ü', 'a', ' ', 'ñ', 'x')), (chars) => {
        const text = chars.join('');
        expect(countCharacters(text.normalize('NFD'))).toBe(countCharacters(text.normalize('NFC')));
        expect(countCharacters(text.normalize('NFC'))).toBe(chars.length);
      })
    );
  });

  it('counts every emoji and ZWJ sequence as one character', () => {
    const emoji = fc.constantFrom('😀', '👍🏽', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇸🇪', '❤️', '🧑🏿‍🦱');
    fc.assert(
      fc.property(fc.array(emoji), fc.array(fc.constantFrom('a', 'b', ' ')), (emojis, letters) => {
        expect(countCharacters(emojis.join(''))).toBe(emojis.length);
        expect(countCharacters(emojis.join(' '))).toBe(Math.max(0, 2 * emojis.length - 1));
        expect(countCharacters(letters.join('') + emojis.join(''))).toBe(letters.length + emojis.length);
      })
    );
  });

  it('does not count line breaks of any kind', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(lineText, lineBreak)), (pieces) => {
        const withBreaks = pieces.map(([text, br]) => text + br).join('');
        const without = pieces.map(([text]) => text).join('');
        // Joining without breaks may merge clusters at the seams, so compare piece by piece.
        expect(countCharacters(withBreaks)).toBe(pieces.reduce((sum, [text]) => sum + countCharacters(text), 0));
        expect(countCharacters(without)).toBeLessThanOrEqual(countCharacters(withBreaks));
      })
    );
  });

  it('is additive across a line break and subadditive in general (count(a+b) ≤ count(a) + count(b))', () => {
    fc.assert(
      fc.property(anyText, anyText, lineBreak, (a, b, br) => {
        expect(countCharacters(a + b)).toBeLessThanOrEqual(countCharacters(a) + countCharacters(b));
        // A break never joins a cluster with what is around it.
        expect(countCharacters(a + br + b)).toBe(countCharacters(a) + countCharacters(b));
      })
    );
  });

  it('gives exactly what segmenting the whole text gives, for any mix of plain and complex characters', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('a', 'å', 'a\u030a', '\u0301', '\u200d', '©', '®', '😀', '👍🏽', '🇸', '🇪', '\r', '\n', '\r\n', '\u2028', ' ', 'ก', 'ำ', 'क', '्', '\u1100', '\u1161', '\u11a8', '\ufe0f')
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(countCharacters(text)).toBe(countCharactersBySegmenter(text));
      }),
      { numRuns: 500 }
    );
  });

  it('counts plain ASCII text without breaks as its length, spaces included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abc XYZ 123 .,-'.split('')) }), (s) => {
        expect(countCharacters(s)).toBe(s.length);
      })
    );
  });
});

describe('the limit rule', () => {
  it('allows exactly the limit and refuses one more', () => {
    for (const limit of [11_000, 15_000, 8_000, 5_000]) {
      expect(withinLimit(limit, limit)).toBe(true);
      expect(withinLimit(limit + 1, limit)).toBe(false);
      expect(limitState(limit, limit)).toBe('warning');
      expect(limitState(limit + 1, limit)).toBe('over');
      expect(withinLimit(countCharacters('x'.repeat(limit)), limit)).toBe(true);
      expect(withinLimit(countCharacters('x'.repeat(limit) + 'å'), limit)).toBe(false);
      // Line breaks at the limit do not push it over.
      expect(withinLimit(countCharacters('x'.repeat(limit) + '\r\n\n'), limit)).toBe(true);
    }
  });

  it('warns from 90 % of the limit', () => {
    expect(limitState(8_999, 10_000)).toBe('ok');
    expect(limitState(9_000, 10_000)).toBe('warning');
    expect(limitState(0, 5_000)).toBe('ok');
  });

  it('formats counts the Swedish way, with a space between thousands', () => {
    expect(formatCount(8412).replace(/\s/g, ' ')).toBe('8 412');
    expect(formatCount(11000).replace(/\s/g, ' ')).toBe('11 000');
    expect(formatCount(500)).toBe('500');
  });
});
