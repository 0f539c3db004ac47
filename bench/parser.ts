// The parser alone against Node's llhttp on the same bytes, in the same process: a head of 100,000
// header lines, and a million one-byte chunks. lowhaio's ResponseParser runs as the app's exchange
// runs it: frames on (every byte accounted for), fed with the exchange's event budget, each event
// looked at; llhttp with Node's callbacks, the header strings kept. Medians and ratios.
// Run by `npm run bench` (bundled, so that no loader runs inside the timed code). BENCH_PARSER_RUNS sets
// the runs counted (9), BENCH_PARSER_DEBUG=1 prints every run's time beside the medians.
import { createRequire } from 'node:module';
import { FEED_EVENT_BUDGET } from '../main/lowhaio/exchange';
import { ResponseParser } from '../main/lowhaio/response-parser';
import { median } from './median';

const RUNS = Number(process.env['BENCH_PARSER_RUNS'] ?? 9);
const require = createRequire(__filename);
const { HTTPParser } = require('node:_http_common') as {
  HTTPParser: {
    new (): Record<number, unknown> & {
      initialize(t: number, r: object, max: number, lenient: number): void;
      execute(b: Buffer): unknown;
    };
    RESPONSE: number;
    kOnHeaders: number;
    kOnHeadersComplete: number;
    kOnBody: number;
    kOnMessageComplete: number;
    kOnExecute: number;
    kOnMessageBegin: number;
  };
};

function headerHeavy(count: number): Buffer {
  const lines = ['HTTP/1.1 200 OK'];
  for (let i = 0; i < count; i++) lines.push(`X-Header-${i % 100}: value number ${i}`);
  lines.push('Content-Length: 0');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

function chunkHeavy(count: number): Buffer {
  return Buffer.concat([
    Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'),
    Buffer.from('1\r\nx\r\n'.repeat(count)),
    Buffer.from('0\r\n\r\n'),
  ]);
}

/** Feeds `input` in reads of `read` bytes, as a socket would hand them over. */
function pieces(input: Buffer, read: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < input.length; at += read) out.push(input.subarray(at, at + read));
  return out;
}

function lowhaio(reads: Buffer[], maxHeaderLength: number, expectedFields: number): number {
  const started = performance.now();
  const parser = new ResponseParser({ method: 'GET', maxHeaderLength });
  let frames = 0;
  let fields = 0;
  let complete = false;
  for (const read of reads) {
    let rest: Uint8Array | null = read;
    while (rest !== null) {
      const out = parser.feed(rest, FEED_EVENT_BUDGET);
      rest = null;
      for (const event of out) {
        switch (event.type) {
          case 'frame':
            frames++;
            break;
          case 'head':
            fields = event.headers.length;
            break;
          case 'paused':
            rest = event.rest;
            break;
          case 'end':
            complete = true;
            break;
          case 'error':
            throw new Error(`lowhaio refused the bench input: ${event.error.message}`);
        }
      }
    }
  }
  const ms = performance.now() - started;
  if (!complete || frames === 0 || fields !== expectedFields)
    throw new Error(`lowhaio read ${fields} fields and ${frames} frames${complete ? '' : ', incomplete'}`);
  return ms;
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
  if (headers.length / 2 < expectedFields)
    throw new Error(`llhttp handed over ${headers.length / 2} header fields, not ${expectedFields}`);
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
    // One run each to warm up (compile, size the heap), not counted.
    lowhaio(reads, max, fields);
    llhttp(reads, max, fields);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate who goes first: the second runs on a warmer cache.
      if (run % 2 === 0) {
        ours.push(lowhaio(reads, max, fields));
        theirs.push(llhttp(reads, max, fields));
      } else {
        theirs.push(llhttp(reads, max, fields));
        ours.push(lowhaio(reads, max, fields));
      }
    }
    if (process.env['BENCH_PARSER_DEBUG'])
      console.log(label, ours.map((x) => x.toFixed(0)).join(' '), '|', theirs.map((x) => x.toFixed(0)).join(' '));
    return { label, lowhaio: median(ours), llhttp: median(theirs), target };
  });
}

if (require.main === module) {
  for (const { label, lowhaio: ours, llhttp: theirs, target } of parserBench()) {
    const ratio = ours / theirs;
    console.log(
      `${label}: lowhaio ${ours.toFixed(1)} ms, llhttp ${theirs.toFixed(1)} ms, ${ratio.toFixed(2)}x (target at most ${target}x) ${ratio <= target ? 'ok' : 'MISSED'}`,
    );
  }
}
