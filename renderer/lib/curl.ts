// curl commands to and from the composer's exchange: paste a command copied from a browser's
// developer tools or a README into the URL field, or copy an exchange to run it in a terminal.
// Shell words are split by shell-quote and written back in POSIX single quotes; the curl options
// understood are those in WITH_VALUE and FLAGS, and any other is refused by name, not dropped.
import { parse } from 'shell-quote';
import { wireParams, type ExchangeSpec, type HeaderRow } from '../../shared/exchange-spec';

export interface ParsedCurl {
  method: string;
  url: string;
  headers: HeaderRow[];
  /** The request body given with -d/--data and friends, if any. */
  body: string | null;
  verifyTls: boolean;
}

/** Options that take a value, and those that do not, among the ones this importer understands. */
const WITH_VALUE = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--url',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '-u',
  '--user',
  '-o',
  '--output',
  '--max-time',
  '-m',
  '--connect-timeout',
]);
const FLAGS = new Set([
  '-I',
  '--head',
  '-G',
  '--get',
  '-L',
  '--location',
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-k',
  '--insecure',
  '-i',
  '--include',
  '--compressed',
  '--http1.1',
  '-f',
  '--fail',
]);

export function isCurlCommand(text: string): boolean {
  return /^\s*curl(\s|$)/.test(text);
}

export function parseCurl(text: string): ParsedCurl {
  const words = parse(text.replace(/\\\r?\n/g, ' '));
  if (words[0] !== 'curl') throw new Error('A curl command starts with "curl".');
  let method: string | null = null;
  let url: string | null = null;
  const headers: HeaderRow[] = [];
  const data: string[] = [];
  let head = false;
  let get = false;
  let verifyTls = true;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (typeof word !== 'string')
      throw new Error(
        'The command holds shell syntax (a pipe, a redirection, a variable) that cannot be imported; paste the curl command alone.',
      );
    let option = word;
    let value: string | undefined;
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    if (equals > 0) {
      option = word.slice(0, equals);
      value = word.slice(equals + 1);
    }
    if (!option.startsWith('-') || option === '-') {
      if (url !== null) throw new Error(`The command names two URLs (${url} and ${word}); keep one.`);
      url = word;
      continue;
    }
    if (WITH_VALUE.has(option)) {
      if (value === undefined) {
        const next = words[++i];
        if (typeof next !== 'string') throw new Error(`${option} needs a value.`);
        value = next;
      }
      switch (option) {
        case '-X':
        case '--request':
          method = value.toUpperCase();
          break;
        case '-H':
        case '--header': {
          const colon = value.indexOf(':');
          if (colon <= 0) throw new Error(`The header "${value}" has no "name: value" form.`);
          headers.push({ name: value.slice(0, colon).trim(), value: value.slice(colon + 1).trim(), enabled: true });
          break;
        }
        case '-d':
        case '--data':
        case '--data-raw':
        case '--data-binary':
        case '--data-ascii':
          if (value.startsWith('@') && option !== '--data-raw')
            throw new Error(`${option} ${value} reads a file; choose the file as the body instead.`);
          data.push(value);
          break;
        case '--url':
          url = value;
          break;
        case '-A':
        case '--user-agent':
          headers.push({ name: 'User-Agent', value, enabled: true });
          break;
        case '-e':
        case '--referer':
          headers.push({ name: 'Referer', value, enabled: true });
          break;
        case '-b':
        case '--cookie':
          headers.push({ name: 'Cookie', value, enabled: true });
          break;
        case '-u':
        case '--user':
          headers.push({ name: 'Authorization', value: `Basic ${btoa(value)}`, enabled: true });
          break;
        default:
          break; // -o, --max-time and the like change nothing on the wire
      }
      continue;
    }
    if (FLAGS.has(option)) {
      if (option === '-I' || option === '--head') head = true;
      if (option === '-G' || option === '--get') get = true;
      if (option === '-k' || option === '--insecure') verifyTls = false;
      continue;
    }
    throw new Error(`The curl option ${option} is not understood here; remove it, or set what it does by hand.`);
  }
  if (url === null) throw new Error('The command names no URL.');
  if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
  let body: string | null = data.length > 0 ? data.join('&') : null;
  if (get && body !== null) {
    url += `${url.includes('?') ? '&' : '?'}${body}`;
    body = null;
  }
  if (body !== null && !headers.some((h) => h.name.toLowerCase() === 'content-type')) {
    headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true });
  }
  return { method: method ?? (head ? 'HEAD' : body !== null ? 'POST' : 'GET'), url, headers, body, verifyTls };
}

/** A word for a POSIX shell: as it is when plain, else in single quotes (a quote as '\''). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The exchange as a curl command (enabled headers and params; a file body as @name). */
export function toCurl(spec: ExchangeSpec): string {
  const url = new URL(spec.url);
  for (const [name, value] of wireParams(spec)) url.searchParams.append(name, value);
  const words = ['curl', '-X', spec.method, url.href];
  for (const row of spec.headers)
    if (row.enabled && row.name.trim() !== '') words.push('-H', `${row.name.trim()}: ${row.value}`);
  if (spec.body.kind !== 'none' && spec.body.framing === 'chunked') words.push('-H', 'Transfer-Encoding: chunked');
  if (spec.body.kind === 'text') words.push('--data-binary', spec.body.text);
  if (spec.body.kind === 'file') words.push('--data-binary', `@${spec.body.file.name}`);
  if (!spec.verifyTls) words.push('--insecure');
  // curl reads a CA from a file, not from the command line: the composer says to save it as ca.pem.
  if (spec.caPem !== undefined && spec.caPem.trim() !== '') words.push('--cacert', 'ca.pem');
  return words.map(shellWord).join(' ');
}
