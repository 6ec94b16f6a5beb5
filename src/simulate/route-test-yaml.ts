import { LineCounter, parseAllDocuments, isNode, isScalar, type Document } from 'yaml';
import { parseRouteTestFile, RouteTestFormatError, type RouteTestFile } from './route-tests.ts';

/**
 * Route-test files as text: one or more YAML documents (`---`), each a test file of its own (config, proxy,
 * tests). Errors carry the line of the field they name. Pure: the CLI reads the file.
 */
export interface RouteTestDocument {
  readonly spec: RouteTestFile;
  /** The line of a field (`tests[2].proxy`), for messages about it found later (e.g. a pod the config lacks). */
  lineOf(field: string): number | undefined;
}

export function parseRouteTestText(text: string): RouteTestDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) return []; // only comments/directives: no document
  const out: RouteTestDocument[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) throw new RouteTestFormatError(`not valid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, undefined, err.linePos?.[0].line);
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue; // an empty document (e.g. a trailing ---)
    try { out.push({ spec: parseRouteTestFile(doc.toJS()), lineOf: (field) => lineOf(doc, lines, field) }); } catch (e) {
      if (!(e instanceof RouteTestFormatError) || !e.field) throw e;
      throw new RouteTestFormatError(e.message, e.field, lineOf(doc, lines, e.field));
    }
  }
  if (!out.length) throw new RouteTestFormatError('no test document: expected config (or configDump), proxy and tests', 'file');
  return out;
}

/** `tests[2].request.port` -> ['tests', 2, 'request', 'port']. */
function fieldPath(field: string): Array<string | number> {
  return field.split('.').flatMap((part) => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    return [...(m[1] ? [m[1]] : []), ...[...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
  });
}

/** The line of FIELD, or of its nearest ancestor present in the document (a missing key: its parent). */
function lineOf(doc: Document, lines: LineCounter, field: string): number | undefined {
  if (field === 'file') return undefined;
  for (let path = fieldPath(field); path.length; path = path.slice(0, -1)) {
    const node = doc.getIn(path, true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
