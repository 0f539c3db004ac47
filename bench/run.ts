// `npm run bench`: lowhaio against undici's request, node:http (small GETs) and a raw net.Socket on loopback, then the
// response parser alone against Node's llhttp (bench/parser.ts), then a file upload (bench/upload.ts), then Find in
// bytes (bench/search.ts). The server and each client run in their own processes (and once more with the server in
// the client's process, as the app runs its demo server); runs alternate between clients; medians and ratios are
// printed. Performance claims live here, not in timed unit tests.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { median } from './median';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 9);
const here = __dirname;
const out = join(here, '.out');

/**
 * On Linux with taskset, the server runs on CPU 0 and each client on CPU 1, so that the two do not
 * trade places mid-run (the largest source of noise on a 2-core machine).
 */
const pinned = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();
const onCpu = (cpu: number, args: string[]): [string, string[]] =>
  pinned ? ['taskset', ['-c', String(cpu), process.execPath, ...args]] : [process.execPath, args];

/** Bundles a bench entry to plain CommonJS, so that no loader (tsx) runs inside the timed code. */
function bundle(name: string): string {
  const outfile = join(out, `${name}.cjs`);
  buildSync({
    entryPoints: [join(here, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['undici'],
    logLevel: 'warning',
  });
  return outfile;
}

interface Scenario {
  name: string;
  label: string;
  clients: string[];
  unit: 'req/s' | 'MB/s';
}

const SCENARIOS: Scenario[] = [
  {
    name: 'seq',
    label: 'sequential small GETs, one keep-alive connection',
    clients: ['lowhaio', 'undici', 'node:http', 'raw'],
    unit: 'req/s',
  },
  {
    name: 'concurrent',
    label: '32 concurrent small GETs',
    clients: ['lowhaio', 'undici', 'node:http', 'raw'],
    unit: 'req/s',
  },
  {
    name: 'download',
    label: '1 GiB chunked download (64 KiB chunks)',
    clients: ['lowhaio', 'undici', 'raw'],
    unit: 'MB/s',
  },
  {
    name: 'download-observed',
    label: 'the download with an observer counting bytes',
    clients: ['lowhaio'],
    unit: 'MB/s',
  },
  {
    name: 'download-here',
    label: "the download from a server in the client's process (as the app's demo server)",
    clients: ['lowhaio', 'undici', 'raw'],
    unit: 'MB/s',
  },
];

async function main(): Promise<void> {
  const serverFile = bundle('server');
  const clientFile = bundle('client');
  const server = spawn(...onCpu(0, [serverFile]), { stdio: ['ignore', 'pipe', 'inherit'] });
  const [portLine] = (await once(server.stdout!, 'data')) as [Buffer];
  const port = portLine.toString().trim();
  const rates = new Map<string, number[]>();
  const cpuPerUnit = new Map<string, number[]>();
  try {
    for (const scenario of SCENARIOS) {
      for (let run = 0; run < RUNS; run++) {
        // Alternate the order so no client always runs first (warm caches, CPU frequency).
        const order = scenario.clients.map((_, i) => scenario.clients[(i + run) % scenario.clients.length]!);
        for (const client of order) {
          const output = execFileSync(...onCpu(1, [clientFile, client, scenario.name, port]), {
            encoding: 'utf8',
            cwd: join(here, '..'),
          });
          const { ms, cpuMs, units } = JSON.parse(output.trim().split('\n').pop()!) as {
            ms: number;
            cpuMs: number;
            units: number;
          };
          const rate = scenario.unit === 'req/s' ? units / (ms / 1000) : units / 1e6 / (ms / 1000);
          const key = `${scenario.name}:${client}`;
          rates.set(key, [...(rates.get(key) ?? []), rate]);
          cpuPerUnit.set(key, [...(cpuPerUnit.get(key) ?? []), cpuMs / units]);
        }
      }
    }
  } finally {
    server.kill();
  }
  const m = (scenario: string, client: string) => median(rates.get(`${scenario}:${client}`) ?? [NaN]);
  console.log(
    `\nlowhaio benchmark: ${RUNS} runs per client, medians (Node ${process.version}, loopback${pinned ? ', server and clients pinned to separate CPUs' : ''})\n`,
  );
  for (const scenario of SCENARIOS) {
    const cells = scenario.clients.map(
      (client) => `${client} ${m(scenario.name, client).toFixed(scenario.unit === 'req/s' ? 0 : 1)} ${scenario.unit}`,
    );
    console.log(`${scenario.label}:\n  ${cells.join(' | ')}`);
  }
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log('\nratios:');
  for (const name of ['seq', 'concurrent', 'download', 'download-here']) {
    const nodeHttp = SCENARIOS.find((s) => s.name === name)!.clients.includes('node:http')
      ? `, lowhaio/node:http ${ratio(m(name, 'lowhaio'), m(name, 'node:http'))}x`
      : '';
    console.log(
      `  ${name}: lowhaio/undici ${ratio(m(name, 'lowhaio'), m(name, 'undici'))}x${nodeHttp}, lowhaio/raw ${ratio(m(name, 'lowhaio'), m(name, 'raw'))}x`,
    );
  }
  const cost = 1 - m('download-observed', 'lowhaio') / m('download', 'lowhaio');
  const cpu = (scenario: string) => median(cpuPerUnit.get(`${scenario}:lowhaio`) ?? [NaN]);
  const cpuCost = cpu('download-observed') / cpu('download') - 1;
  console.log(
    `  observer cost on the download: ${(cost * 100).toFixed(1)}% of the rate, ${(cpuCost * 100).toFixed(1)}% more CPU per byte`,
  );
  // The parser alone against Node's llhttp, same bytes, same process (bench/parser.ts), on CPU 1.
  console.log('\nthe parser alone, frames on, against llhttp (medians):');
  execFileSync(...onCpu(1, [bundle('parser')]), { stdio: 'inherit', cwd: join(here, '..') });
  // A 256 MiB upload from a file: lowhaio, node:http and a raw socket (bench/upload.ts).
  console.log('\nthe upload of a file with Content-Length (medians):');
  execFileSync(process.execPath, [bundle('upload')], { stdio: 'inherit', cwd: join(here, '..') });
  // Find in bytes over a 1 GiB capture file, against reading it alone (bench/search.ts).
  console.log('\nfind in bytes over a capture file, against reading it (medians):');
  execFileSync(process.execPath, [bundle('search')], { stdio: 'inherit', cwd: join(here, '..') });
}

void main();
