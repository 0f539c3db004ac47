// curl commands to and from the composer's exchange: paste a command copied from a browser's
// developer tools or a README into the URL field, or copy an exchange to run it in a terminal.
// Shell words are split by shell-quote and written back in POSIX single quotes. Options are read as
// curl reads them (its tool_getparam): short flags combine (-sSL), a short option's value may be
// attached (-XPOST, -d@file, -HAccept:x), a long one's may follow "=". What curl would read from a
// file (-d @file, --data-binary @file, -T file, -F f=@file, --cacert file) comes back as a file the
// person has to choose: the page reads no path. Options that change nothing on the wire (-s, -o,
// --max-time, ...) are listed in `ignored`; options this importer does not know stop the import,
// every one of them named. A "# lowhaio: chunk-size=N" comment (Copy as curl writes it) keeps the
// chunk size.
import { parse } from 'shell-quote';
import { wireParams, type ExchangeSpec, type HeaderRow } from '../../shared/exchange-spec';

export type CurlFormPart = { name: string; value: string } | { name: string; file: string; contentType: string | null };

export interface ParsedCurl {
  method: string;
  url: string;
  headers: HeaderRow[];
  /** The request body given with -d/--data and friends, if any. */
  body: string | null;
  /** -F/--form fields: a multipart body. */
  form: CurlFormPart[];
  /** The file the body is read from (-d @file, --data-binary @file, -T file): the person chooses it. */
  bodyFile: string | null;
  /** --cacert FILE: the person loads it. */
  caFile: string | null;
  verifyTls: boolean;
  /** -L: follow redirects. */
  followRedirects: boolean;
  /** The chunk size a "# lowhaio: chunk-size=N" comment gives (the body then goes chunked). */
  chunkSize: number | null;
  /** Options read and left out because they change nothing this app sends, as typed. */
  ignored: string[];
}

type Takes = 'value' | 'flag';
/** Every option understood, by each of its names; its canonical name is the long one. */
const OPTIONS: Record<string, [canonical: string, takes: Takes]> = {};
function option(names: string[], takes: Takes): void {
  const canonical = names.find((name) => name.startsWith('--')) ?? names[0]!;
  for (const name of names) OPTIONS[name] = [canonical, takes];
}
option(['-X', '--request'], 'value');
option(['-H', '--header'], 'value');
option(['-d', '--data'], 'value');
option(['--data-raw'], 'value');
option(['--data-binary'], 'value');
option(['--data-ascii'], 'value');
option(['--data-urlencode'], 'value');
option(['--json'], 'value');
option(['-F', '--form'], 'value');
option(['--form-string'], 'value');
option(['-T', '--upload-file'], 'value');
option(['--url'], 'value');
option(['-A', '--user-agent'], 'value');
option(['-e', '--referer'], 'value');
option(['-b', '--cookie'], 'value');
option(['-u', '--user'], 'value');
option(['--cacert'], 'value');
option(['-I', '--head'], 'flag');
option(['-G', '--get'], 'flag');
option(['-L', '--location'], 'flag');
option(['-k', '--insecure'], 'flag');
option(['--compressed'], 'flag');
option(['--http1.1'], 'flag');
/** Options that change nothing on the wire: what curl prints or saves, how long it waits. */
for (const names of [
  ['-o', '--output'],
  ['-m', '--max-time'],
  ['--connect-timeout'],
  ['-w', '--write-out'],
  ['--retry'],
])
  option(names, 'value');
for (const names of [
  ['-s', '--silent'],
  ['-S', '--show-error'],
  ['-v', '--verbose'],
  ['-i', '--include'],
  ['-f', '--fail'],
  ['--fail-with-body'],
  ['-O', '--remote-name'],
  ['-#', '--progress-bar'],
  ['--no-progress-meter'],
])
  option(names, 'flag');
const NO_WIRE_EFFECT = new Set([
  '--output',
  '--max-time',
  '--connect-timeout',
  '--write-out',
  '--retry',
  '--silent',
  '--show-error',
  '--verbose',
  '--include',
  '--fail',
  '--fail-with-body',
  '--remote-name',
  '--progress-bar',
  '--no-progress-meter',
]);

/** What curl's --compressed asks for (curl 8 built with zlib, brotli and zstd). */
export const COMPRESSED_ACCEPT = 'deflate, gzip, br, zstd';

export function isCurlCommand(text: string): boolean {
  return /^\s*curl(\s|$)/.test(text);
}

/** The command's words, with an unquoted ? or * in a URL read as the text it is (curl does no globbing here). */
function words(text: string): { words: string[]; comments: string[] } {
  const out: string[] = [];
  const comments: string[] = [];
  for (const word of parse(text.replace(/\\\r?\n/g, ' '))) {
    if (typeof word === 'string') out.push(word);
    else if ('comment' in word) comments.push(word.comment);
    else if ('pattern' in word && typeof word.pattern === 'string') out.push(word.pattern);
    else
      throw new Error(
        'The command holds shell syntax (a pipe, a redirection, a variable) that cannot be imported; paste the curl command alone.',
      );
  }
  return { words: out, comments };
}

/** One -F field as curl reads it: name=value, name=@file[;type=...], name=<file (its text). */
function formPart(value: string, literal: boolean): CurlFormPart {
  const equals = value.indexOf('=');
  if (equals <= 0) throw new Error(`The form field "${value}" has no "name=value" form.`);
  const name = value.slice(0, equals);
  const content = value.slice(equals + 1);
  if (literal || !/^[@<]/.test(content)) return { name, value: content };
  const [file, ...params] = content.slice(1).split(';');
  const type = params.find((param) => param.trim().startsWith('type='));
  return { name, file: file!, contentType: type ? type.trim().slice(5) : null };
}

/** --data-urlencode as curl reads it: content, =content, name=content (encoded); name@file is a file. */
function urlencoded(value: string): string {
  const at = value.search(/[=@]/);
  if (at >= 0 && value[at] === '@')
    throw new Error(`--data-urlencode ${value} reads a file; put its text in the body instead.`);
  if (at < 0) return encodeURIComponent(value);
  const name = value.slice(0, at);
  const content = encodeURIComponent(value.slice(at + 1));
  return name === '' ? content : `${name}=${content}`;
}

export function parseCurl(text: string): ParsedCurl {
  const { words: argv, comments } = words(text);
  if (argv[0] !== 'curl') throw new Error('A curl command starts with "curl".');
  let method: string | null = null;
  const urls: string[] = [];
  const headers: HeaderRow[] = [];
  const data: string[] = [];
  const form: CurlFormPart[] = [];
  const ignored: string[] = [];
  const unknown: string[] = [];
  let bodyFile: string | null = null;
  let caFile: string | null = null;
  let head = false;
  let get = false;
  let verifyTls = true;
  let followRedirects = false;
  let compressed = false;
  let upload = false;
  const header = (name: string, value: string) => headers.push({ name, value, enabled: true });

  const apply = (canonical: string, value: string, typed: string) => {
    switch (canonical) {
      case '--request':
        method = value;
        break;
      case '--header': {
        const colon = value.indexOf(':');
        if (colon <= 0) throw new Error(`The header "${value}" has no "name: value" form.`);
        header(value.slice(0, colon).trim(), value.slice(colon + 1).trim());
        break;
      }
      case '--data':
      case '--data-ascii':
      case '--data-binary':
        if (value.startsWith('@')) bodyFile = value.slice(1);
        else data.push(canonical === '--data-binary' ? value : value.replace(/[\r\n]/g, ''));
        break;
      case '--data-raw':
        data.push(value);
        break;
      case '--data-urlencode':
        data.push(urlencoded(value));
        break;
      case '--json':
        data.push(value);
        if (!headers.some((h) => h.name.toLowerCase() === 'content-type')) header('Content-Type', 'application/json');
        if (!headers.some((h) => h.name.toLowerCase() === 'accept')) header('Accept', 'application/json');
        break;
      case '--form':
      case '--form-string':
        form.push(formPart(value, canonical === '--form-string'));
        break;
      case '--upload-file':
        bodyFile = value;
        upload = true;
        break;
      case '--url':
        urls.push(value);
        break;
      case '--user-agent':
        header('User-Agent', value);
        break;
      case '--referer':
        header('Referer', value);
        break;
      case '--cookie':
        if (!value.includes('=')) throw new Error(`-b ${value} reads cookies from a file; give them as name=value.`);
        header('Cookie', value);
        break;
      case '--user':
        header('Authorization', `Basic ${btoa(value)}`);
        break;
      case '--cacert':
        caFile = value;
        break;
      case '--head':
        head = true;
        break;
      case '--get':
        get = true;
        break;
      case '--location':
        followRedirects = true;
        break;
      case '--insecure':
        verifyTls = false;
        break;
      case '--compressed':
        compressed = true;
        break;
      case '--http1.1':
        break;
      default:
        if (NO_WIRE_EFFECT.has(canonical)) ignored.push(value === '' ? typed : `${typed} ${value}`);
    }
  };

  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-') || word === '-') {
      urls.push(word);
      continue;
    }
    /**
     * Reads the option `name`: a flag, or one taking `attached` (its value in the same word) or else
     * the next word. Says whether it took a value (which ends a word of combined short options).
     */
    const take = (name: string, attached: string | undefined): boolean => {
      const known = OPTIONS[name];
      if (!known) {
        unknown.push(name);
        return false;
      }
      const [canonical, takes] = known;
      if (takes === 'flag') {
        apply(canonical, '', name);
        return false;
      }
      const value = attached ?? argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value.`);
      apply(canonical, value, name);
      return true;
    };
    if (word.startsWith('--')) {
      const equals = word.indexOf('=');
      take(equals > 0 ? word.slice(0, equals) : word, equals > 0 ? word.slice(equals + 1) : undefined);
      continue;
    }
    // Short options: flags combine (-sSL); the first that takes a value takes the rest of the word, or the next word.
    for (let j = 1; j < word.length; j++)
      if (take(`-${word[j]}`, j + 1 < word.length ? word.slice(j + 1) : undefined)) break;
  }
  if (unknown.length > 0)
    throw new Error(
      `The curl option${unknown.length === 1 ? '' : 's'} ${[...new Set(unknown)].join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not understood here; remove ${unknown.length === 1 ? 'it' : 'them'}, or set what ${unknown.length === 1 ? 'it does' : 'they do'} by hand.`,
    );
  if (urls.length === 0) throw new Error('The command names no URL.');
  if (urls.length > 1) throw new Error(`The command names ${urls.length} URLs (${urls.join(', ')}); keep one.`);
  if (form.length > 0 && (data.length > 0 || bodyFile !== null))
    throw new Error('The command gives both form fields (-F) and a body (-d or a file); curl refuses that too.');
  let url = urls[0]!;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`;
  let body: string | null = data.length > 0 ? data.join('&') : null;
  if (get && body !== null) {
    url += `${url.includes('?') ? '&' : '?'}${body}`;
    body = null;
  }
  if (body !== null && !headers.some((h) => h.name.toLowerCase() === 'content-type'))
    header('Content-Type', 'application/x-www-form-urlencoded');
  if (compressed && !headers.some((h) => h.name.toLowerCase() === 'accept-encoding'))
    header('Accept-Encoding', COMPRESSED_ACCEPT);
  const sized = comments.map((c) => /lowhaio:\s*chunk-size=(\d+)/.exec(c)?.[1]).find((n) => n !== undefined);
  const hasBody = body !== null || form.length > 0 || bodyFile !== null;
  return {
    method: method ?? (head ? 'HEAD' : upload ? 'PUT' : hasBody ? 'POST' : 'GET'),
    url,
    headers,
    body,
    form,
    bodyFile,
    caFile,
    verifyTls,
    followRedirects,
    chunkSize: sized !== undefined ? Number(sized) : null,
    ignored,
  };
}

/** A word for a POSIX shell: as it is when plain, else in single quotes (a quote as '\''). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * The exchange as a curl command (enabled headers and params; a file body as @name; multipart
 * fields as -F, with the boundary curl makes; --http1.1 for https, since curl would ask for HTTP/2).
 */
export function toCurl(spec: ExchangeSpec): string {
  const url = new URL(spec.url);
  for (const [name, value] of wireParams(spec)) url.searchParams.append(name, value);
  const words = ['curl', '-X', spec.method, url.href];
  if (url.protocol === 'https:') words.push('--http1.1');
  for (const row of spec.headers)
    if (row.enabled && row.name.trim() !== '') words.push('-H', `${row.name.trim()}: ${row.value}`);
  if (spec.body.kind !== 'none' && spec.body.framing === 'chunked') words.push('-H', 'Transfer-Encoding: chunked');
  if (spec.body.kind === 'text') words.push('--data-binary', spec.body.text);
  if (spec.body.kind === 'file') words.push('--data-binary', `@${spec.body.file.name}`);
  if (spec.body.kind === 'multipart')
    for (const part of spec.body.parts)
      words.push(
        'file' in part ? '-F' : '--form-string',
        'file' in part ? `${part.name}=@${part.file.name};type=${part.contentType}` : `${part.name}=${part.value}`,
      );
  if (!spec.verifyTls) words.push('--insecure');
  // curl reads a CA from a file, not from the command line: the composer says to save it as ca.pem.
  if (spec.caPem !== undefined && spec.caPem.trim() !== '') words.push('--cacert', 'ca.pem');
  const command = words.map(shellWord).join(' ');
  // curl picks its own chunk sizes; the comment keeps ours for the way back (parseCurl reads it).
  return spec.body.kind !== 'none' && spec.body.framing === 'chunked'
    ? `${command} # lowhaio: chunk-size=${spec.body.chunkSize}`
    : command;
}
