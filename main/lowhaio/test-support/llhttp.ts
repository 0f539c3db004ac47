// Test support: Node's own HTTP parser (llhttp, strict: no lenient flag) over a whole response, for
// the differential test. It reads messages until the first final response (status >= 200) is
// complete, as a client that sent one request does; the interim (1xx) ones before it are counted.
import { createRequire } from 'node:module';

const require = createRequire(__filename);

interface NodeHttpParser {
  initialize(type: number, resource: object, maxHeaderSize?: number, lenient?: number): void;
  execute(data: Buffer): number | Error;
  finish(): undefined | Error;
  [key: number]: unknown;
}
interface ParserClass {
  new (): NodeHttpParser;
  RESPONSE: number;
  kOnHeaders: number;
  kOnHeadersComplete: number;
  kOnBody: number;
  kOnMessageComplete: number;
  kOnMessageBegin: number;
  kOnExecute: number;
}

const { HTTPParser } = require('node:_http_common') as { HTTPParser: ParserClass };

export type LlhttpOutcome =
  | { kind: 'error'; code: string; reason: string }
  | {
      kind: 'response';
      interim: number[];
      code: number;
      headers: Array<[string, string]>;
      body: string;
      complete: boolean;
    };

/** Parses `input` as the response to `method`; `eof` calls finish() after it (the server closed). */
export function llhttpParse(input: Uint8Array, method: string, eof: boolean): LlhttpOutcome {
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.RESPONSE, {}, 16384, 0);
  const interim: number[] = [];
  let final: { code: number; headers: Array<[string, string]>; body: string[] } | null = null;
  let complete = false;
  let current: { code: number; headers: Array<[string, string]>; body: string[] } | null = null;
  parser[HTTPParser.kOnHeaders] = () => {};
  parser[HTTPParser.kOnExecute] = () => {};
  parser[HTTPParser.kOnMessageBegin] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = (
    _major: number,
    _minor: number,
    headers: string[],
    _m: unknown,
    _u: unknown,
    code: number,
  ) => {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < headers.length; i += 2) pairs.push([headers[i]!, headers[i + 1]!]);
    current = { code, headers: pairs, body: [] };
    if (code >= 200 && final === null) final = current;
    // 1 skips the body, as Node does for a response to HEAD (and llhttp itself for 1xx, 204, 304).
    return method === 'HEAD' ? 1 : 0;
  };
  parser[HTTPParser.kOnBody] = (chunk: Buffer) => {
    if (current && current === final) current.body.push(chunk.toString('latin1'));
  };
  parser[HTTPParser.kOnMessageComplete] = () => {
    if (current && current.code < 200) interim.push(current.code);
    if (current && current === final) complete = true;
  };
  const result = parser.execute(Buffer.from(input));
  // An error after the final response is complete concerns what follows it, which a client that
  // sent one request never reads.
  if (result instanceof Error && !complete) return errorOf(result);
  if (eof && !complete) {
    const finished = parser.finish();
    if (finished instanceof Error && !complete) return errorOf(finished);
  }
  if (final === null) return { kind: 'error', code: 'INCOMPLETE', reason: 'no final response' };
  const { code, headers, body } = final as { code: number; headers: Array<[string, string]>; body: string[] };
  return { kind: 'response', interim, code, headers, body: body.join(''), complete };
}

function errorOf(error: Error): LlhttpOutcome {
  const { code, reason } = error as Error & { code?: string; reason?: string };
  return { kind: 'error', code: code ?? 'ERROR', reason: reason ?? error.message };
}
