// Impure edge: reads files, directories and stdin. Everything after this is pure.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { LoadCodes } from '../codes.ts';
import { parseText, type ParseOptions } from './parse.ts';
import type { RawObject } from './raw-object.ts';

export interface InputFile {
  readonly path: string;
  readonly text: string;
}

export interface LoadOptions extends ParseOptions {
  /** Files larger than this are refused with a diagnostic (default 32 MiB). */
  readonly maxFileBytes?: number;
  /** Text used for `-` (tests pass it instead of reading fd 0). */
  readonly stdinText?: string;
  /** Paths are shown relative to this directory when they are below it. */
  readonly cwd?: string;
}

export interface LoadResult {
  readonly objects: RawObject[];
  readonly diagnostics: Diagnostic[];
  /** Files read (parsed, with or without errors). */
  readonly files: readonly string[];
  /** Files not read, and why (the unreadable, binary and too-large ones also have a diagnostic). */
  readonly skipped: readonly SkippedFile[];
}

export type SkipReason = 'unreadable' | 'binary' | 'too large' | 'not .yaml/.yml/.json';
export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
}

const EXTENSIONS = /\.(ya?ml|json)$/i;
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Load every object from files, directories (recursive, .yaml/.yml/.json) and `-` (stdin). */
export function loadPaths(paths: readonly string[], opts: LoadOptions = {}): LoadResult {
  const { files, diagnostics, skipped } = readInputs(paths, opts);
  const objects: RawObject[] = [];
  for (const f of files) {
    const r = parseText(f.text, f.path, opts);
    objects.push(...r.objects);
    diagnostics.push(...r.diagnostics);
  }
  return { objects, diagnostics, files: files.map((f) => f.path), skipped };
}

export function readInputs(paths: readonly string[], opts: LoadOptions = {}): { files: InputFile[]; diagnostics: Diagnostic[]; skipped: SkippedFile[] } {
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedFile[] = [];
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const show = (p: string) => displayPath(p, opts.cwd);
  for (const p of paths) {
    if (p === '-') {
      const text = opts.stdinText ?? readStdin();
      files.push({ path: '<stdin>', text });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      diagnostics.push(fileDiag(LoadCodes.Unreadable, `cannot read ${show(p)}: ${errText(e)}`, show(p)));
      skipped.push({ path: show(p), reason: 'unreadable' });
      continue;
    }
    if (st.isDirectory()) {
      const found = walk(p, diagnostics, show, skipped);
      if (!found.length) diagnostics.push(fileDiag(LoadCodes.NoInput, `directory ${show(p)} contains no .yaml, .yml or .json files`, show(p)));
      for (const f of found) readOne(f, max, show, files, diagnostics, skipped);
    } else {
      readOne(p, max, show, files, diagnostics, skipped);
    }
  }
  return { files, diagnostics, skipped };
}

function walk(dir: string, diagnostics: Diagnostic[], show: (p: string) => string, skipped: SkippedFile[]): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    diagnostics.push(fileDiag(LoadCodes.Unreadable, `cannot read directory ${show(dir)}: ${errText(e)}`, show(dir)));
    skipped.push({ path: show(dir), reason: 'unreadable' });
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full, diagnostics, show, skipped));
    else if (EXTENSIONS.test(e.name)) out.push(full);
    else skipped.push({ path: show(full), reason: 'not .yaml/.yml/.json' });
  }
  return out;
}

function readOne(p: string, max: number, show: (p: string) => string, files: InputFile[], diagnostics: Diagnostic[], skipped: SkippedFile[]): void {
  try {
    const size = statSync(p).size;
    if (size > max) {
      diagnostics.push(fileDiag(LoadCodes.FileTooLarge, `${show(p)} is ${(size / 1048576).toFixed(1)} MiB, over the ${(max / 1048576).toFixed(0)} MiB limit (--max-file-size)`, show(p)));
      skipped.push({ path: show(p), reason: 'too large' });
      return;
    }
    const buf = readFileSync(p);
    if (looksBinary(buf)) {
      diagnostics.push(fileDiag(LoadCodes.BinaryFile, `${show(p)} looks like binary data, not YAML or JSON`, show(p)));
      skipped.push({ path: show(p), reason: 'binary' });
      return;
    }
    files.push({ path: show(p), text: buf.toString('utf8') });
  } catch (e) {
    diagnostics.push(fileDiag(LoadCodes.Unreadable, `cannot read ${show(p)}: ${errText(e)}`, show(p)));
    skipped.push({ path: show(p), reason: 'unreadable' });
  }
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function displayPath(p: string, cwd?: string): string {
  if (!cwd || !isAbsolute(p)) return p;
  const r = relative(cwd, p);
  return r.startsWith('..') ? p : r;
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.message ?? String(e);
}

function fileDiag(c: { code: string; severity: Diagnostic['severity'] }, message: string, file: string): Diagnostic {
  return { code: c.code, severity: c.severity, message, source: { file, line: 1 } };
}
