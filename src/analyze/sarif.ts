/**
 * SARIF 2.1.0 for `sluice analyze -o sarif`, shaped for GitHub code scanning: one rule per code (a one-sentence
 * description, help text, Istio's page as helpUri for IST codes), one result per finding with a `%SRCROOT%`-relative
 * file URI, start line, the resource as a logical location, and a line-independent partial fingerprint. Pure.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Diagnostic, Severity } from '../core/diagnostic.ts';
import { friendlyName } from '../core/diagnostic.ts';
import { ALL_MESSAGE_TYPES } from './messages.ts';
import { ruleHelp } from './rule-help.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'sluiceFinding/v1';
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { Error: 'error', Warning: 'warning', Info: 'note' };

export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute directory that relative file names are relative to (the CLI's cwd); it becomes `%SRCROOT%`. */
  readonly srcRoot: string;
}

interface ArtifactLocation { uri: string; uriBaseId?: string; index?: number }

/** A file name from the loader → a SARIF artifact location: relative to `%SRCROOT%`, else an absolute `file://` URI. */
export function artifactLocationFor(file: string, srcRoot: string): ArtifactLocation | undefined {
  if (!file || file === '<stdin>') return undefined;
  const slashed = file.replace(/\\/g, '/');
  const abs = posix.isAbsolute(slashed) ? posix.normalize(slashed) : posix.join(srcRoot.replace(/\\/g, '/'), slashed);
  const rel = posix.relative(srcRoot.replace(/\\/g, '/'), abs);
  if (rel && !rel.startsWith('..') && !posix.isAbsolute(rel)) return { uri: encodePath(rel), uriBaseId: SRCROOT };
  return { uri: `file://${encodePath(abs)}` };
}

function encodePath(p: string): string {
  return p.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

function ruleFor(code: string, diags: readonly Diagnostic[]) {
  const t = ALL_MESSAGE_TYPES.find((m) => m.code === code);
  const level = t?.level ?? diags.find((d) => d.code === code)!.severity;
  const h = ruleHelp(code);
  const where = h.helpUri ? `Istio's documentation: ${h.helpUri}` : `Sluice's documentation: ${h.docPath} in the Sluice repository.`;
  return {
    id: code,
    name: t?.name ?? code,
    shortDescription: { text: h.description },
    fullDescription: { text: `${h.description} ${origin(code)}` },
    ...(h.helpUri ? { helpUri: h.helpUri } : {}),
    help: {
      text: `${h.description} ${where}`,
      markdown: h.helpUri ? `${h.description}\n\nSee [${code}](${h.helpUri}) in Istio's documentation.` : `${h.description}\n\nSee \`${h.docPath}\` in the Sluice repository.`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[level] },
    properties: { tags: code.startsWith('IST') ? ['istio', 'istioctl-analyze'] : ['sluice'], ...(h.docPath ? { documentation: h.docPath } : {}) },
  };
}

function origin(code: string): string {
  if (code.startsWith('IST')) return 'An Istio analyzer message, reported as istioctl analyze reports it.';
  return /^SLU10\d\d$/.test(code) ? 'A Sluice loader finding about the input files.' : 'A Sluice check with no Istio equivalent.';
}

/** Stable across runs and line shifts: code, resource, file and message text (not the line). */
function fingerprint(d: Diagnostic): string {
  const parts = [d.code, d.resource ? friendlyName(d.resource) : '', d.source?.file ?? '', d.path ?? '', d.message];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function toSarif(diags: readonly Diagnostic[], opts: SarifOptions): Record<string, unknown> {
  const codes = [...new Set(diags.map((d) => d.code))].sort();
  const locs = new Map<string, ArtifactLocation>();
  for (const d of diags) {
    const loc = d.source ? artifactLocationFor(d.source.file, opts.srcRoot) : undefined;
    if (loc) locs.set(loc.uri, loc);
  }
  const uris = [...locs.keys()].sort();
  const results = diags.map((d) => {
    const loc = d.source ? artifactLocationFor(d.source.file, opts.srcRoot) : undefined;
    const region = d.source && d.source.line >= 1
      ? { startLine: d.source.line, ...(d.source.column !== undefined && d.source.column >= 1 ? { startColumn: d.source.column } : {}) }
      : undefined;
    const location = {
      ...(loc ? { physicalLocation: { artifactLocation: { ...loc, index: uris.indexOf(loc.uri) }, ...(region ? { region } : {}) } } : {}),
      ...(d.resource ? { logicalLocations: [{ name: d.resource.name, fullyQualifiedName: friendlyName(d.resource), kind: 'resource' }] } : {}),
    };
    return {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: Object.keys(location).length ? [location] : [],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d) },
      ...(d.path ? { properties: { fieldPath: d.path } } : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'sluice', fullName: 'sluice analyze', version: opts.toolVersion, rules: codes.map((c) => ruleFor(c, diags)) } },
      ...(uris.length ? { artifacts: uris.map((u) => ({ location: locs.get(u)! })) } : {}),
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
