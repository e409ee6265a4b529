/**
 * A word-level diff between two versions of an answer (longest common subsequence over tokens), for the
 * answer history. A token is a word with the whitespace after it (so spaces alone never make a match
 * between unrelated texts); joining the parts of either side gives that side's text back exactly.
 */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export function tokenize(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common prefix and suffix first: edits are usually local, which keeps the table small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  if (start > 0) push(parts, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  // lcs[i][j] = LCS length of midA[i..] and midB[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      push(parts, 'same', midA[i]);
      i += 1;
      j += 1;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      push(parts, 'removed', midA[i]);
      i += 1;
    } else {
      push(parts, 'added', midB[j]);
      j += 1;
    }
  }
  while (i < n) push(parts, 'removed', midA[i++]);
  while (j < m) push(parts, 'added', midB[j++]);
  if (endA < a.length) push(parts, 'same', a.slice(endA).join(''));
  return parts;
}
