import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** ../shared/data beside the checkout: real open data that tests read but the repository never copies. */
export const SHARED_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data');

export function sharedDataAvailable(file: string): boolean {
  const available = existsSync(path.join(SHARED_DATA, file));
  if (!available) console.log(`skipping: ${path.join(SHARED_DATA, file)} is missing (../shared/data is not beside this checkout)`);
  return available;
}

/** A small CSV reader for the shared reference files (no quoted commas occur in them). */
export function readSharedCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(SHARED_DATA, file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
}
