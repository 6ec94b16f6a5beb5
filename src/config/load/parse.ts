import { LineCounter, parseAllDocuments, isMap, type Document } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { LoadCodes } from '../codes.ts';
import { lookupKind } from '../../api/kinds.ts';
import { buildLineMap, joinPath, subLineMap, type LineMap } from './source-map.ts';
import type { RawObject } from './raw-object.ts';
import { fastParseDocuments } from './fast-yaml.ts';
import { findDuplicateKeys } from './duplicate-keys.ts';

export interface ParseOptions {
  /** Namespace given to namespaced objects that have none (istioctl: the `-n` namespace, else `default`). */
  readonly defaultNamespace?: string;
  /** YAML aliases allowed per document (anchor bombs stop here). */
  readonly maxAliasCount?: number;
}

export interface ParseResult {
  readonly objects: RawObject[];
  readonly diagnostics: Diagnostic[];
}

const MAX_DEPTH = 100;

/** A `sluice test` route-test document found among config files (Info: it is skipped, not an error). */
const RouteTestFileSkipped = { code: 'SLU1014', severity: 'Info' } as const;

/** One YAML document as the loader needs it: value, where it starts, and its field-path -> line map. */
export interface ParsedDocument {
  readonly value: unknown;
  readonly isMapping: boolean;
  /** 1-based line of the document's content. */
  readonly line: number;
  readonly lines: LineMap;
}

/** Parse one file's text (YAML, multi-document, or JSON) into raw objects. Pure. */
export function parseText(text: string, file: string, opts: ParseOptions = {}): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const objects: RawObject[] = [];
  const docs = fastParseDocuments(text, MAX_DEPTH) ?? carefulParseDocuments(text, file, opts, diagnostics);
  docs.forEach((d, docIndex) => {
    if (d === undefined || d.value === null) return; // unparseable (reported), empty, or explicit null: skipped, as Istio's loader does
    addDocument(d.value, d.isMapping, d.lines, file, docIndex, d.line, opts, objects, diagnostics);
  });
  return { objects, diagnostics };
}

/**
 * The careful path (the `yaml` package): per-document syntax errors with line and column, aliases
 * expanded within a budget (anchor bombs stop), nesting refused before the recursive parser sees it.
 * Index i of the result is document i; undefined where the document could not be loaded.
 */
export function carefulParseDocuments(text: string, file: string, opts: ParseOptions, diagnostics: Diagnostic[]): Array<ParsedDocument | undefined> {
  if (nestingDepth(text) > MAX_DEPTH) {
    diagnostics.push(diag(LoadCodes.ParseError, `cannot parse ${file}: nesting deeper than ${MAX_DEPTH} levels`, file, 1));
    return [];
  }
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (e) {
    diagnostics.push(diag(LoadCodes.ParseError, `cannot parse ${file}: ${(e as Error).message}`, file, 1));
    return [];
  }
  return docs.map((doc, docIndex) => {
    if (doc.errors.length) {
      const err = doc.errors[0];
      const pos = lc.linePos(err.pos[0]);
      diagnostics.push(diag(LoadCodes.ParseError, `YAML syntax error: ${firstLine(err.message)}`, file, pos.line, pos.col));
      return undefined;
    }
    if (doc.contents === null) return undefined; // empty document (`---` at the end, comments only)
    try {
      const value = doc.toJS({ maxAliasCount: opts.maxAliasCount ?? 100 });
      const line = lc.linePos(doc.contents.range?.[0] ?? doc.range[0]).line;
      for (const k of findDuplicateKeys(doc.contents, lc)) {
        const hint = k.path === 'apiVersion' || k.path === 'kind' ? ' (files concatenated without a "---" between them?)' : '';
        diagnostics.push(diag(LoadCodes.DuplicateKey, `duplicate key ${k.path} (first at line ${k.firstLine}); the last value is used${hint}`, file, k.line));
      }
      return { value, isMapping: isMap(doc.contents), line, lines: buildLineMap(doc.contents, lc) };
    } catch (e) {
      const line = lc.linePos(doc.range[0]).line;
      diagnostics.push(diag(LoadCodes.ParseError, `cannot load document ${docIndex}: ${firstLine((e as Error).message)}`, file, line));
      return undefined;
    }
  });
}

function addDocument(
  value: unknown, isMapping: boolean, lines: LineMap, file: string, docIndex: number, line: number,
  opts: ParseOptions, objects: RawObject[], diagnostics: Diagnostic[],
): void {
  if (!isMapping || value === null || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(diag(LoadCodes.NotAnObject, `document ${docIndex} is not an object (got ${describe(value)})`, file, line));
    return;
  }
  collect(value as Record<string, unknown>, lines, file, docIndex, line, opts, objects, diagnostics);
}

function collect(
  value: Record<string, unknown>, lines: LineMap, file: string, docIndex: number, line: number,
  opts: ParseOptions, objects: RawObject[], diagnostics: Diagnostic[],
): void {
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item, i) => {
      const p = joinPath('items', i);
      const itemLine = lines.get(p) ?? line;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        diagnostics.push(diag(LoadCodes.NotAnObject, `${p} of the List is not an object (got ${describe(item)})`, file, itemLine));
        return;
      }
      collect(item as Record<string, unknown>, subLineMap(lines, p), file, docIndex, itemLine, opts, objects, diagnostics);
    });
    return;
  }
  const obj = toRawObject(value, lines, file, docIndex, line, opts, diagnostics);
  if (obj) objects.push(obj);
}

function toRawObject(
  value: Record<string, unknown>, lines: LineMap, file: string, docIndex: number, line: number,
  opts: ParseOptions, diagnostics: Diagnostic[],
): RawObject | undefined {
  const missing: string[] = [];
  const apiVersion = value.apiVersion, kind = value.kind;
  if (apiVersion === undefined && kind === undefined && Array.isArray(value.tests)) {
    // Sluice's own route-test format (`sluice test`: config, proxy, tests): not config, so not an error.
    diagnostics.push(diag(RouteTestFileSkipped, `document ${docIndex} is a Sluice route-test file (tests:), not config; skipped`, file, line));
    return undefined;
  }
  const metadata = value.metadata as Record<string, unknown> | undefined;
  if (typeof apiVersion !== 'string' || !apiVersion) missing.push('apiVersion');
  if (typeof kind !== 'string' || !kind) missing.push('kind');
  if (!metadata || typeof metadata !== 'object' || typeof metadata.name !== 'string' || !metadata.name) missing.push('metadata.name');
  if (missing.length) {
    const what = typeof kind === 'string' ? `${kind} ` : '';
    diagnostics.push(diag(LoadCodes.MissingField, `${what}object is missing required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, file, line));
    return undefined;
  }
  const desc = lookupKind(apiVersion as string, kind as string);
  const meta = { ...(metadata as Record<string, unknown>) } as Record<string, unknown>;
  if (desc?.namespaced && (typeof meta.namespace !== 'string' || !meta.namespace)) meta.namespace = opts.defaultNamespace ?? 'default';
  if (desc && !desc.namespaced) delete meta.namespace;
  const ref = { kind: kind as string, name: meta.name as string, ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}), apiVersion: apiVersion as string };
  const spec = value.spec && typeof value.spec === 'object' && !Array.isArray(value.spec) ? (value.spec as Record<string, any>) : {};
  return {
    apiVersion: apiVersion as string,
    kind: kind as string,
    metadata: meta as RawObject['metadata'],
    spec,
    object: { ...value, metadata: meta },
    ref,
    source: { file, docIndex, line, lines },
  };
}

function diag(c: { code: string; severity: Diagnostic['severity'] }, message: string, file: string, line: number, column?: number): Diagnostic {
  return { code: c.code, severity: c.severity, message, source: column !== undefined ? { file, line, column } : { file, line } };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

/** Cheap upper bound of flow/block nesting, so pathological input is refused before the parser recurses. */
function nestingDepth(text: string): number {
  let depth = 0, max = 0, maxIndent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) { depth++; if (depth > max) max = depth; }
    else if (c === 93 || c === 125) { if (depth > 0) depth--; }
    else if (c === 10) {
      let j = i + 1, indent = 0;
      while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 45)) { indent++; j++; }
      if (indent > maxIndent) maxIndent = indent;
    }
  }
  return Math.max(max, Math.floor(maxIndent / 2));
}
