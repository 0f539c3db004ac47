// The parser alone against Node's llhttp on the same bytes, in the same process: a head of 100,000
// header lines, and a million one-byte chunks. lowhaio's ResponseParser runs with its frames on (as
// the app uses it: every byte accounted for); llhttp with Node's callbacks. Medians and ratios.
// Run by `npm run bench` (bundled, so that no loader runs inside the timed code).
import { createRequire } from 'node:module';
import { ResponseParser } from '../main/lowhaio/response-parser';
import { median } from './median';

const RUNS = Number(process.env['BENCH_PARSER_RUNS'] ?? 7);
const require = createRequire(__filename);
const { HTTPParser } = require('node:_http_common') as {
  HTTPParser: { new (): Record<number, unknown> & { initialize(t: number, r: object, max: number, lenient: number): void; execute(b: Buffer): unknown }; RESPONSE: number; kOnHeaders: number; kOnHeadersComplete: number; kOnBody: number; kOnMessageComplete: number; kOnExecute: number; kOnMessageBegin: number };
};

function headerHeavy(count: number): Buffer {
  const lines = ['HTTP/1.1 200 OK'];
  for (let i = 0; i < count; i++) lines.push(`X-Header-${i % 100}: value number ${i}`);
  lines.push('Content-Length: 0');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

function chunkHeavy(count: number): Buffer {
  return Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'), Buffer.from('1\r\nx\r\n'.repeat(count)), Buffer.from('0\r\n\r\n')]);
}

/** Feeds `input` in reads of `read` bytes, as a socket would hand them over. */
function pieces(input: Buffer, read: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < input.length; at += read) out.push(input.subarray(at, at + read));
  return out;
}

function lowhaio(reads: Buffer[], maxHeaderLength: number): number {
  const started = performance.now();
  const parser = new ResponseParser({ method: 'GET', maxHeaderLength });
  let events = 0;
  for (const read of reads) {
    const out = parser.feed(read);
    events += out.length;
    if (out.some((e) => e.type === 'error')) throw new Error(`lowhaio refused the bench input: ${JSON.stringify(out.find((e) => e.type === 'error'))}`);
  }
  if (events === 0) throw new Error('no events');
  return performance.now() - started;
}

function llhttp(reads: Buffer[], maxHeaderLength: number, expectedFields: number): number {
  const started = performance.now();
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.RESPONSE, {}, maxHeaderLength, 0);
  let complete = false;
  // The header lines llhttp hands over in batches are kept (all of them: Node's own client keeps
  // the first 2,000 pairs), as lowhaio keeps every field, and its frame, for the head event.
  const headers: string[] = [];
  parser[HTTPParser.kOnHeaders] = (batch: string[]) => {
    for (const item of batch) headers.push(item);
  };
  parser[HTTPParser.kOnExecute] = () => {};
  parser[HTTPParser.kOnMessageBegin] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = (_major: number, _minor: number, last: string[] | undefined) => {
    if (last) for (const item of last) headers.push(item);
    return 0;
  };
  parser[HTTPParser.kOnBody] = () => {};
  parser[HTTPParser.kOnMessageComplete] = () => {
    complete = true;
  };
  for (const read of reads) {
    const result = parser.execute(read);
    if (result instanceof Error) throw result;
  }
  if (!complete) throw new Error('llhttp did not complete the bench input');
  const ms = performance.now() - started;
  if (headers.length / 2 < expectedFields) throw new Error(`llhttp handed over ${headers.length / 2} header fields, not ${expectedFields}`);
  return ms;
}

export function parserBench(): Array<{ label: string; lowhaio: number; llhttp: number; target: number }> {
  const cases = [
    { label: '100,000 header lines (one head, 64 KiB reads)', input: headerHeavy(100_000), target: 3, fields: 100_001 },
    { label: '1,000,000 one-byte chunks (64 KiB reads)', input: chunkHeavy(1_000_000), target: 1.3, fields: 1 },
  ];
  return cases.map(({ label, input, target, fields }) => {
    const reads = pieces(input, 64 * 1024);
    const max = input.length + 1;
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate who goes first: the second runs on a warmer cache.
      if (run % 2 === 0) {
        ours.push(lowhaio(reads, max));
        theirs.push(llhttp(reads, max, fields));
      } else {
        theirs.push(llhttp(reads, max, fields));
        ours.push(lowhaio(reads, max));
      }
    }
    return { label, lowhaio: median(ours), llhttp: median(theirs), target };
  });
}

if (require.main === module) {
  for (const { label, lowhaio: ours, llhttp: theirs, target } of parserBench()) {
    const ratio = ours / theirs;
    console.log(`${label}: lowhaio ${ours.toFixed(1)} ms, llhttp ${theirs.toFixed(1)} ms, ${ratio.toFixed(2)}x (target at most ${target}x) ${ratio <= target ? 'ok' : 'MISSED'}`);
  }
}
