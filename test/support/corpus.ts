// Where Istio's conformance corpora live: $SLUICE_CONFORMANCE_DIR, else ../shared/conformance next to
// the repository, else /work/shared/conformance. Never copied into the repo (see scripts/conformance.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');

export function conformanceRoots(): string[] {
  return [process.env.SLUICE_CONFORMANCE_DIR, join(REPO, '..', 'shared', 'conformance'), '/work/shared/conformance'].filter((p): p is string => !!p);
}

/** The corpus directory `sub` (e.g. `istio-analyze`), or the first candidate path when none exists. */
export function conformanceDir(sub: string): string {
  const candidates = conformanceRoots().map((r) => join(r, sub));
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}
