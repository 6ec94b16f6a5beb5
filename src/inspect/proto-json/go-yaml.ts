
/**
 * YAML the way istioctl prints it: JSON through sigs.k8s.io/yaml.JSONToYAML (go-yaml v2):
 * map keys sorted, 2-space indent, a sequence's `- ` at its key's column, strings plain unless
 * they would read back as another type (then "double-quoted") or plain style is not allowed by
 * the YAML emitter (then 'single-quoted'); multi-line strings as literal blocks (`|`, `|-`, `|+`);
 * plain values folded at a space once past column 80 (libyaml's best_width). Quoted scalars are not
 * folded (documented difference).
 */
export function goYaml(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]\n' : seq(value, 0);
  if (value && typeof value === 'object') return Object.keys(value).length === 0 ? '{}\n' : map(value as Record<string, unknown>, 0);
  return scalar(value) + '\n';
}

const sp = (n: number): string => ' '.repeat(n);

function map(o: Record<string, unknown>, indent: number): string {
  let out = '';
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    const key = `${sp(indent)}${scalar(k)}:`;
    if (Array.isArray(v) && v.length > 0) out += `${key}\n${seq(v, indent)}`;
    else if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) out += `${key}\n${map(v as Record<string, unknown>, indent + 2)}`;
    else out += `${key} ${inline(v, indent + 2, [...key].length + 1)}\n`;
  }
  return out;
}

function seq(items: unknown[], indent: number): string {
  let out = '';
  for (const v of items) {
    if (Array.isArray(v) && v.length > 0) out += `${sp(indent)}-\n${seq(v, indent + 2)}`.replace(/^(\s*)-\n\s*/, '$1- ');
    else if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      const body = map(v as Record<string, unknown>, indent + 2);
      out += `${sp(indent)}- ${body.slice(indent + 2)}`;
    } else out += `${sp(indent)}- ${inline(v, indent + 2, indent + 2)}\n`;
  }
  return out;
}

/** A value after `key: ` or `- `: `indent` is the block indentation, `column` where the value starts. */
function inline(v: unknown, indent: number, column: number): string {
  if (Array.isArray(v)) return '[]';
  if (v && typeof v === 'object') return '{}';
  if (typeof v === 'string' && v.includes('\n') && blockAllowed(v)) return literal(v, indent);
  const s = scalar(v);
  return typeof v === 'string' && s === v ? foldPlain(s, indent, column) : s;
}

/** libyaml's plain-scalar writer: at a single space, break the line once past column 80. */
function foldPlain(s: string, indent: number, column: number): string {
  let out = '', col = column, spaces = false;
  const chars = [...s];
  chars.forEach((c, i) => {
    if (c === ' ') {
      if (!spaces && col > 80 && chars[i + 1] !== ' ') { out += `\n${sp(indent)}`; col = indent; }
      else { out += ' '; col++; }
      spaces = true;
    } else { out += c; col++; spaces = false; }
  });
  return out;
}

/** A literal block is allowed unless a line ends in a space or the text has control characters. */
function blockAllowed(s: string): boolean {
  return !/[ \t]\n/.test(s) && !/ $/.test(s) && ![...s].some((c) => { const n = c.codePointAt(0)!; return (n < 0x20 && c !== '\n' && c !== '\t') || n === 0x7f; });
}

function literal(s: string, indent: number): string {
  const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') ? '+' : '';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = (chomp === '' ? s.slice(0, -1) : chomp === '+' ? s.slice(0, -1) : s).split('\n').map((l) => (l === '' ? '' : sp(indent) + l)).join('\n');
  return `|${indicator}${chomp}\n${body}`;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v);
  const s = String(v);
  if (s.includes('\n')) return doubleQuoted(s);
  if (!resolvesToString(s)) return doubleQuoted(s);
  if (plainAllowed(s)) return s;
  return singleQuoteAllowed(s) ? `'${s.replace(/'/g, "''")}'` : doubleQuoted(s);
}

function formatFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  const s = String(n);
  return /e/.test(s) ? n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : s;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** go-yaml v2's resolve(): would this plain scalar read back as a string? */
export function resolvesToString(s: string): boolean {
  if (s === '' || s === '~' || /^(null|Null|NULL)$/.test(s)) return false;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return false;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(s) || /^(\.nan|\.NaN|\.NAN)$/.test(s)) return false;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?[0-9]+$/.test(plain)) return false;
  if (/^[-+]?0b[01]+$/.test(plain) || /^[-+]?0x[0-9a-fA-F]+$/.test(plain) || /^[-+]?0o?[0-7]+$/.test(plain)) return false;
  if (/^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(plain)) return false;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return false; // base 60
  if (isTimestamp(s)) return false;
  return true;
}

function isTimestamp(s: string): boolean {
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(s)
    || /^\d{4}-\d{1,2}-\d{1,2}([Tt]|\s+)\d{1,2}:\d{2}:\d{2}(\.\d*)?(\s*(Z|[-+]\d{1,2}(:\d{2})?))?$/.test(s);
}

/** libyaml's yaml_emitter_analyze_scalar, for a block-context plain scalar. */
function plainAllowed(s: string): boolean {
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/^\s|\s$/.test(s)) return false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!, next = chars[i + 1], prev = chars[i - 1];
    const followedByBlank = next === undefined || next === ' ' || next === '\t';
    const code = c.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff) return false;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) return false;
      if ((c === '?' || c === ':' || c === '-') && followedByBlank) return false;
    } else {
      if (c === ':' && followedByBlank) return false;
      if (c === '#' && (prev === ' ' || prev === '\t')) return false;
    }
  }
  return true;
}

function singleQuoteAllowed(s: string): boolean {
  return ![...s].some((c) => { const code = c.codePointAt(0)!; return code < 0x20 || code === 0x7f; });
}
