// How this works: `.http` files as the JetBrains HTTP Client and the VS Code REST Client write them,
// read and written by pure functions so that a saved request diffs in git and opens in those editors.
// A file is requests separated by lines starting with `###` (the rest of that line may name the
// request). Before a request line come comments (`#` or `//`), `# @name NAME` and other `# @tag`
// lines, and file variables (`@name = value`, the REST Client's). The request line is
// `METHOD URL [HTTP/1.1]` (a URL alone means GET), continued by indented lines starting with `?` or
// `&`; header lines `Name: value` follow up to a blank line, and the body runs to the next `###`.
// What neither this app nor plain HTTP has (response handler scripts `> {% %}`, response
// redirects `>> file`, body files `< ./file`, other HTTP versions) is named in `problems`, never
// dropped silently. This app's own settings ride in comments the editors ignore:
// `# @lowhaio-chunked SIZE`, `# @lowhaio-timeout-ms MS`, `# @lowhaio-insecure`, and disabled header
// rows as `# @lowhaio-disabled Name: value`.

export interface HttpFileHeader {
  name: string;
  value: string;
  enabled: boolean;
}

export interface HttpFileRequest {
  /** From `# @name NAME`, else from the `### NAME` line before it; null when unnamed. */
  name: string | null;
  method: string;
  /** As written: `{{variables}}` are substituted when sent, not here. */
  url: string;
  headers: HttpFileHeader[];
  /** The body text, or null for none. */
  body: string | null;
  /** `< ./path`: the body is that file's bytes, which the person has to choose (the page names no paths). */
  bodyFile: string | null;
  /** `# @lowhaio-chunked SIZE`: the body goes chunked, SIZE bytes a chunk. */
  chunkSize: number | null;
  timeoutMs: number | null;
  /** `# @lowhaio-insecure`: the TLS certificate is not verified. */
  insecure: boolean;
  /** The line (1-based) its request line is on. */
  line: number;
  /** Read from a file: its block's lines, [start, end) 0-based, from its ### line (if any) to the next. */
  span?: { start: number; end: number };
}

export interface HttpFileProblem {
  line: number;
  message: string;
}

export interface HttpFile {
  requests: HttpFileRequest[];
  /** File variables (`@name = value`), in order. */
  variables: Array<[string, string]>;
  problems: HttpFileProblem[];
}

const METHOD = /^[A-Z]+$/;
const VERSION = /^HTTP\/\d(\.\d)?$/;
const NAME_TAG = /^(?:#|\/\/)\s*@name(?:\s*=\s*|\s+)(.+)$/;
const TAG = /^(?:#|\/\/)\s*@([\w-]+)(?:\s+(.*))?$/;
const VARIABLE = /^@([\w.-]+)\s*=\s*(.*)$/;
/** Tags the editors use for themselves: known, and not for this app (JetBrains, REST Client). */
const EDITOR_TAGS = new Set(['no-redirect', 'no-cookie-jar', 'no-log', 'use-os-credentials', 'note', 'prompt']);

const isComment = (line: string) => /^\s*(#|\/\/)/.test(line) && !/^###/.test(line);

export function parseHttpFile(text: string): HttpFile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const requests: HttpFileRequest[] = [];
  const variables: Array<[string, string]> = [];
  const problems: HttpFileProblem[] = [];
  let i = 0;
  while (i < lines.length) {
    // One block: from here to the next ### line.
    let separatorName: string | null = null;
    const blockStart = i;
    if (lines[i]!.startsWith('###')) {
      separatorName = lines[i]!.slice(3).trim() || null;
      i++;
    }
    const start = i;
    while (i < lines.length && !lines[i]!.startsWith('###')) i++;
    const request = parseBlock(lines.slice(start, i), start, separatorName, variables, problems);
    if (request) requests.push({ ...request, span: { start: blockStart, end: i } });
  }
  return { requests, variables, problems };
}

function parseBlock(
  lines: string[],
  offset: number,
  separatorName: string | null,
  variables: Array<[string, string]>,
  problems: HttpFileProblem[],
): HttpFileRequest | null {
  const problem = (index: number, message: string) => problems.push({ line: offset + index + 1, message });
  let name: string | null = separatorName;
  let chunkSize: number | null = null;
  let timeoutMs: number | null = null;
  let insecure = false;
  const headers: HttpFileHeader[] = [];
  // Before the request line: blank lines, comments, tags and file variables.
  let i = 0;
  const tag = (line: string, index: number): boolean => {
    const named = NAME_TAG.exec(line.trim());
    if (named) {
      name = named[1]!.trim();
      return true;
    }
    const tagged = TAG.exec(line.trim());
    if (!tagged) return false;
    const [, key, value = ''] = tagged;
    if (key === 'lowhaio-chunked') {
      chunkSize = Number(value.trim());
      if (!Number.isInteger(chunkSize) || chunkSize < 1) {
        problem(index, `@lowhaio-chunked needs a chunk size in bytes (a whole number from 1), not "${value.trim()}".`);
        chunkSize = null;
      }
    } else if (key === 'lowhaio-timeout-ms') {
      timeoutMs = Number(value.trim());
      if (!Number.isFinite(timeoutMs) || timeoutMs < 100) {
        problem(index, `@lowhaio-timeout-ms needs a timeout of at least 100 ms, not "${value.trim()}".`);
        timeoutMs = null;
      }
    } else if (key === 'lowhaio-insecure') insecure = true;
    else if (key === 'lowhaio-disabled') {
      const header = headerLine(value);
      if (header) headers.push({ ...header, enabled: false });
      else problem(index, `@lowhaio-disabled needs a header, as Name: value.`);
    } else if (EDITOR_TAGS.has(key!)) {
      problem(index, `@${key} is a setting of the editors that write .http files; Lowhaio Inspector does not use it.`);
    } else return false;
    return true;
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (isComment(line)) {
      tag(line, i);
      continue;
    }
    const variable = VARIABLE.exec(line.trim());
    if (variable) {
      variables.push([variable[1]!, variable[2]!.trim()]);
      continue;
    }
    break;
  }
  if (i >= lines.length) return null;
  const line = i;
  const words = lines[i]!.trim().split(/\s+/);
  let method = 'GET';
  if (words.length > 1 && METHOD.test(words[0]!)) method = words.shift()!;
  if (words.length > 1 && VERSION.test(words[words.length - 1]!)) {
    const version = words.pop()!;
    if (version !== 'HTTP/1.1')
      problem(i, `The request asks for ${version}; Lowhaio Inspector speaks HTTP/1.1 and sends it as HTTP/1.1.`);
  }
  let url = words.join(' ');
  i++;
  // A query continued on indented lines that start with ? or &.
  while (i < lines.length && /^\s+[?&]/.test(lines[i]!)) url += lines[i++]!.trim();
  // Headers, up to a blank line (comments and tags may sit among them).
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const text = lines[i]!;
    if (isComment(text)) {
      tag(text, i);
      continue;
    }
    const header = headerLine(text);
    if (header) headers.push({ ...header, enabled: true });
    else problem(i, `"${text.trim()}" is not a header line (Name: value); a blank line must come before the body.`);
  }
  // The body: everything after the blank line, less trailing blank lines and response handlers.
  let body = lines.slice(i + 1);
  while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
  const handler = body.findIndex((text) => /^(>|>>!?|<>)\s/.test(text));
  if (handler >= 0) {
    problem(
      i + 1 + handler,
      'Response handlers (> script) and response redirects (>> file, <> file) are for the editors; Lowhaio Inspector does not run or write them, and leaves them out.',
    );
    body = body.slice(0, handler);
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
  }
  let bodyFile: string | null = null;
  if (body.length === 1 && /^<\s+\S/.test(body[0]!)) {
    bodyFile = body[0]!.replace(/^<\s+/, '').trim();
    problem(
      i + 1,
      `The body is the file ${bodyFile}: choose it with "Choose file…" (the app opens no path by itself).`,
    );
    body = [];
  } else if (body.some((text) => /^<\s+\S/.test(text))) {
    problem(i + 1, 'Bodies mixing text and files (< ./file lines) are not supported: those lines are sent as text.');
  }
  return {
    name,
    method,
    url,
    headers,
    body: body.length > 0 ? body.join('\n') : null,
    bodyFile,
    chunkSize,
    timeoutMs,
    insecure,
    line: offset + line + 1,
  };
}

function headerLine(text: string): { name: string; value: string } | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const name = text.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && !/^\{\{.+\}\}$/.test(name)) return null;
  return { name, value: text.slice(colon + 1).trim() };
}

/** Why `request` cannot be written as a .http file, in words; empty when it can. */
export function httpRequestProblems(request: HttpFileRequest): string[] {
  const problems: string[] = [];
  if (/[\r\n]/.test(request.url)) problems.push('The URL has a line break, which a .http file cannot hold.');
  if (request.name !== null && /[\r\n]/.test(request.name)) problems.push('The name has a line break.');
  for (const header of request.headers)
    if (/[\r\n]/.test(header.name + header.value)) problems.push(`The header ${header.name} has a line break.`);
  const lines = request.body?.split(/\r\n|\r|\n/) ?? [];
  if (lines.some((line) => line.startsWith('###')))
    problems.push('A body line starts with ###, which a .http file reads as the start of the next request.');
  // (A "< ./file" line stays: in a multipart body it names a file part, as the editors write them.)
  if (lines.some((line) => /^(>|>>!?|<>)\s/.test(line)))
    problems.push('A body line starts with >, >> or <>, which a .http file reads as a response handler or redirect.');
  return problems;
}

/** One request as .http text (it ends with a newline); check httpRequestProblems first. */
export function formatHttpRequest(request: HttpFileRequest): string {
  const out: string[] = [];
  out.push(request.name ? `### ${request.name}` : '###');
  if (request.name) out.push(`# @name ${request.name}`);
  if (request.chunkSize !== null) out.push(`# @lowhaio-chunked ${request.chunkSize}`);
  if (request.timeoutMs !== null) out.push(`# @lowhaio-timeout-ms ${request.timeoutMs}`);
  if (request.insecure) out.push('# @lowhaio-insecure');
  for (const header of request.headers)
    if (!header.enabled) out.push(`# @lowhaio-disabled ${header.name}: ${header.value}`);
  out.push(`${request.method} ${request.url}`);
  for (const header of request.headers) if (header.enabled) out.push(`${header.name}: ${header.value}`);
  if (request.bodyFile !== null) out.push('', `< ${request.bodyFile}`);
  else if (request.body !== null) out.push('', request.body.replace(/\r\n?/g, '\n'));
  return `${out.join('\n')}\n`;
}

/** Requests as one .http file, a blank line between them. */
export function formatHttpFile(requests: readonly HttpFileRequest[], variables: ReadonlyArray<[string, string]> = []) {
  const head = variables.map(([name, value]) => `@${name} = ${value}\n`).join('');
  return head + (head && requests.length > 0 ? '\n' : '') + requests.map(formatHttpRequest).join('\n');
}

/**
 * `text` with its request `index` replaced by `request` and every other line as it was (comments,
 * handlers and all), so that saving one request of a file written by hand keeps the rest.
 */
export function replaceHttpRequest(text: string, index: number, request: HttpFileRequest): string {
  const parsed = parseHttpFile(text);
  const span = parsed.requests[index]?.span;
  if (!span) return `${text.replace(/\n*$/, '\n')}\n${formatHttpRequest(request)}`;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const replacement = formatHttpRequest(request).replace(/\n$/, '').split('\n');
  // A blank line before the next request, as .http files have; the last request ends the file.
  if (span.end < lines.length)
    return [...lines.slice(0, span.start), ...replacement, '', ...lines.slice(span.end)].join('\n');
  return `${[...lines.slice(0, span.start), ...replacement].join('\n')}\n`;
}
