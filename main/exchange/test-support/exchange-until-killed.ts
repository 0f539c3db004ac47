// Test support: a service process to kill. Runs one exchange with an ExchangeService over the data
// folder in argv[2] (GET argv[3], or with argv[4] a PUT of that file), printing "<id> <sent> <received>"
// as batches come, until the test kills it.
import { DEFAULT_TIMEOUT_MS } from '../../../shared/exchange-spec';
import { ExchangeService } from '../exchange-service';

async function main(): Promise<void> {
  const [dataDir, url, file] = process.argv.slice(2) as [string, string, string | undefined];
  const service = new ExchangeService({ dataDir });
  service.subscribe((batch) => process.stdout.write(`${batch.exchangeId} ${batch.totals.tx} ${batch.totals.rx}\n`));
  const body = file
    ? { kind: 'file' as const, file: await service.files.grant(file), framing: 'length' as const, chunkSize: 65536 }
    : { kind: 'none' as const };
  service.send({
    method: file ? 'PUT' : 'GET',
    url,
    headers: [],
    body,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    verifyTls: true,
  });
}

void main();
