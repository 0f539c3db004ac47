// How this works: a document laid out again for reading, without losing where each piece came
// from. JSON is tokenized (RFC 8259) rather than parsed into values, so that numbers keep their
// digits, duplicate keys stay, and every token keeps its place in the text: each line of the layout
// is a list of pieces, each piece a [start, end) of the source text, and each line that opens an
// object or array knows the line that closes it (for folding). HTML and XML get one tag or text run
// per line, indented by nesting. Pure; the view virtualizes the lines.

export type PieceKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'tag' | 'text';

export interface Piece {
  kind: PieceKind;
  start: number;
  end: number;
}

export interface PrettyLine {
  depth: number;
  pieces: Piece[];
  /** For a line that opens an object, array or element: the index of the line that closes it. */
  closes?: number;
}

export interface PrettyDocument {
  kind: 'json' | 'markup';
  lines: PrettyLine[];
}

/** JSON that is not: where and why, in words. */
export class PrettyError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Which layout a Content-Type gets, if any. */
export function prettyKindOf(contentType: string | null): 'json' | 'markup' | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return 'json';
  if (/^(text\/html|application\/xhtml\+xml|text\/xml|application\/xml)$/.test(type) || type.endsWith('+xml'))
    return 'markup';
  return null;
}

// Control characters are what RFC 8259 section 7 forbids unescaped in a string: the pattern must name them.
const JSON_TOKEN =
  // eslint-disable-next-line no-control-regex
  /[ \t\n\r]*(?:("(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:]))/y;

/** What an open object or array takes next. */
type Expecting = 'key' | 'colon' | 'value' | 'comma';

/** Lays out JSON text; throws PrettyError at the first character that is not JSON (RFC 8259). */
export function prettyJson(text: string): PrettyDocument {
  const lines: PrettyLine[] = [];
  /** Open containers: the line that opened each, its closer, its members so far and what it takes next. */
  const open: Array<{ line: number; close: '}' | ']'; members: number; next: Expecting }> = [];
  let line: PrettyLine | null = null;
  let at = 0;
  let done = false;
  const fail = (position: number, what: string): never => {
    const before = text.slice(0, position);
    const where = `line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}`;
    throw new PrettyError(`Not valid JSON at character ${position} (${where}): ${what}.`, position);
  };
  const startLine = () => {
    line = { depth: open.length, pieces: [] };
    lines.push(line);
  };
  const push = (kind: PieceKind, start: number, end: number) => line!.pieces.push({ kind, start, end });
  /** A value (or the start of one) has come: where it goes, and what its container takes next. */
  const value = (start: number) => {
    if (done) fail(start, 'more after the end of the document');
    const top = open[open.length - 1];
    if (top && top.next !== 'value')
      fail(start, top.next === 'comma' ? 'a comma is missing' : `a ${top.next} is missing`);
    // On a line of its own, unless it follows its key's colon.
    if (!top || top.close === ']') startLine();
    if (top) {
      if (top.close === ']') top.members++;
      top.next = 'comma';
    }
  };
  while (at < text.length) {
    JSON_TOKEN.lastIndex = at;
    const match = JSON_TOKEN.exec(text);
    if (!match) {
      const position = at + (/^[ \t\n\r]*/.exec(text.slice(at))?.[0].length ?? 0);
      if (position === text.length) break;
      fail(position, `unexpected ${JSON.stringify(text.slice(position, position + 12))}`);
    }
    const [whole, string, number, literal, punct] = match!;
    const token = (string ?? number ?? literal ?? punct)!;
    const end = at + whole.length;
    const start = end - token.length;
    at = end;
    const top = open[open.length - 1];
    if (punct === '}' || punct === ']') {
      if (!top || top.close !== punct) fail(start, `"${punct}" closes nothing open`);
      if (top!.next !== 'comma' && top!.members > 0)
        fail(start, `a value is missing after the comma, before "${punct}"`);
      if (top!.next === 'colon' || (top!.next === 'value' && top!.close === '}')) fail(start, 'a value is missing');
      open.pop();
      if (top!.members === 0) push('punct', start, end);
      else {
        startLine();
        push('punct', start, end);
        lines[top!.line]!.closes = lines.length - 1;
      }
      if (open.length === 0) done = true;
      continue;
    }
    if (punct === ',') {
      if (!top || top.next !== 'comma') fail(start, 'a comma where none belongs');
      push('punct', start, end);
      top!.next = top!.close === '}' ? 'key' : 'value';
      continue;
    }
    if (punct === ':') {
      if (!top || top.next !== 'colon') fail(start, 'a colon where none belongs');
      push('punct', start, end);
      top!.next = 'value';
      continue;
    }
    if (top?.close === '}' && top.next === 'key') {
      if (string === undefined) fail(start, 'an object key must be a string');
      startLine();
      push('key', start, end);
      top.members++;
      top.next = 'colon';
      continue;
    }
    value(start);
    if (punct === '{' || punct === '[') {
      push('punct', start, end);
      open.push({
        line: lines.length - 1,
        close: punct === '{' ? '}' : ']',
        members: 0,
        next: punct === '{' ? 'key' : 'value',
      });
      continue;
    }
    push(string !== undefined ? 'string' : number !== undefined ? 'number' : 'literal', start, end);
    if (open.length === 0) done = true;
  }
  if (open.length > 0) fail(text.length, `the document ends with ${open.length} object(s) or array(s) still open`);
  if (lines.length === 0) fail(0, 'the body is empty');
  return { kind: 'json', lines };
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is not markup: kept as one text run. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Lays out HTML or XML: a line per tag, comment or text run, indented by nesting. Never fails. */
export function prettyMarkup(text: string): PrettyDocument {
  const lines: PrettyLine[] = [];
  const open: Array<{ name: string; line: number }> = [];
  const token = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<\/?[A-Za-z][^>]*>?|[^<]+|</g;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    const whole = match[0];
    const start = match.index;
    const end = start + whole.length;
    if (!whole.startsWith('<') || whole === '<') {
      // Text: trimmed of the whitespace around it; blank runs leave no line.
      const lead = whole.length - whole.trimStart().length;
      const trail = whole.length - whole.trimEnd().length;
      if (whole.trim() === '') continue;
      lines.push({ depth: open.length, pieces: [{ kind: 'text', start: start + lead, end: end - trail }] });
      continue;
    }
    const closing = /^<\/([A-Za-z][\w:.-]*)/.exec(whole);
    if (closing) {
      const name = closing[1]!.toLowerCase();
      const index = open.map((element) => element.name).lastIndexOf(name);
      if (index >= 0) {
        const opener = open[index]!;
        open.length = index;
        lines.push({ depth: open.length, pieces: [{ kind: 'tag', start, end }] });
        lines[opener.line]!.closes = lines.length - 1;
      } else lines.push({ depth: open.length, pieces: [{ kind: 'tag', start, end }] });
      continue;
    }
    lines.push({ depth: open.length, pieces: [{ kind: 'tag', start, end }] });
    const opening = /^<([A-Za-z][\w:.-]*)/.exec(whole);
    if (!opening || whole.endsWith('/>')) continue;
    const name = opening[1]!.toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (RAW_TEXT.has(name)) {
      // Its content up to its end tag is one run; the end tag is found by the next match.
      const close = text.toLowerCase().indexOf(`</${name}`, end);
      const contentEnd = close === -1 ? text.length : close;
      if (text.slice(end, contentEnd).trim() !== '')
        lines.push({ depth: open.length + 1, pieces: [{ kind: 'text', start: end, end: contentEnd }] });
      token.lastIndex = contentEnd;
    }
    open.push({ name, line: lines.length - 1 });
  }
  return { kind: 'markup', lines };
}

/** The lines shown when the lines in `folded` (their indexes) are folded: a folded line hides those up to its close. */
export function visibleLines(document: PrettyDocument, folded: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < document.lines.length; i++) {
    out.push(i);
    const closes = document.lines[i]!.closes;
    if (closes !== undefined && folded.has(i)) i = closes - 1;
  }
  return out;
}
