import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffWords, tokenize } from './diff';

describe('tokenize', () => {
  it('keeps each word with the whitespace after it', () => {
    expect(tokenize('  ett två\n tre')).toEqual(['  ', 'ett ', 'två\n ', 'tre']);
  });
});

const side = (parts: ReturnType<typeof diffWords>, which: 'before' | 'after') =>
  parts.filter((p) => p.kind === 'same' || p.kind === (which === 'before' ? 'removed' : 'added')).map((p) => p.text).join('');

describe('diffWords', () => {
  it('marks a changed word', () => {
    expect(diffWords('Under 2024 behandlades 20 ansökningar', 'Under 2024 behandlades 22 ansökningar')).toEqual([
      { kind: 'same', text: 'Under 2024 behandlades ' },
      { kind: 'removed', text: '20 ' },
      { kind: 'added', text: '22 ' },
      { kind: 'same', text: 'ansökningar' }
    ]);
  });

  it('handles empty sides', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('', 'ny text')).toEqual([{ kind: 'added', text: 'ny text' }]);
    expect(diffWords('gammal text', '')).toEqual([{ kind: 'removed', text: 'gammal text' }]);
  });

  it('keeps words in order when text is inserted in the middle', () => {
    const parts = diffWords('ett två tre', 'ett två och en halv tre');
    expect(parts.filter((p) => p.kind === 'removed')).toEqual([]);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toBe('och en halv ');
  });

  it('gives back both texts exactly, for any texts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const parts = diffWords(a, b);
        expect(side(parts, 'before')).toBe(a);
        expect(side(parts, 'after')).toBe(b);
      })
    );
  });

  it('finds no change between equal texts and a minimal one for word lists', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 });
    fc.assert(
      fc.property(words, words, (x, y) => {
        const a = x.join(' ');
        expect(diffWords(a, a).every((p) => p.kind === 'same')).toBe(true);
        const b = y.join(' ');
        const same = diffWords(a, b).filter((p) => p.kind === 'same').flatMap((p) => p.text.split(/\s+/).filter(Boolean));
        // The kept words are a common subsequence of both.
        const isSubsequence = (sub: string[], of: string[]) => {
          let k = 0;
          for (const w of of) if (k < sub.length && sub[k] === w) k += 1;
          return k === sub.length;
        };
        expect(isSubsequence(same, x)).toBe(true);
        expect(isSubsequence(same, y)).toBe(true);
      })
    );
  });
});
