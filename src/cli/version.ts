import { readFileSync } from 'node:fs';

/** The version in package.json (read once per call; "unknown" if it cannot be read). */
export function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}
