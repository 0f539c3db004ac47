// `npm run serve`: the app in any browser. Starts the demo server and the exchange service, serves
// the built renderer (out/renderer) on 127.0.0.1, prints the URL to open (with its access token) on
// a line of its own, and opens a browser unless --no-open.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAppServices } from '../app-services';
import { appVersion, collectionsDir, dataDir } from '../app-settings';
import { installCrashGuard } from '../crash-guard';
import { servedBy, startBrowserModeServer } from './server';

const USAGE = 'usage: npm run serve -- [--port N] [--no-open] [--data-dir DIR] [--collections-dir DIR]';

/** The command that opens a URL in the default browser here, if there is one. */
function opener(): [string, string[]] | null {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  if (process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) return ['xdg-open', []];
  return null;
}

function openBrowser(url: string): void {
  const command = opener();
  if (!command) {
    console.log('No display to open a browser on: open the URL above yourself.');
    return;
  }
  const child = spawn(command[0], [...command[1], url], { detached: true, stdio: 'ignore' });
  child.on('error', (error) =>
    console.log(`Could not open a browser (${error.message}): open the URL above yourself.`),
  );
  child.unref();
}

export async function runBrowserMode(argv: string[]): Promise<void> {
  let values: { port?: string; 'no-open'?: boolean; 'data-dir'?: string; 'collections-dir'?: string; token?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'data-dir': { type: 'string' },
        'collections-dir': { type: 'string' },
        token: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number from 0 (any free port) to 65535.\n${USAGE}`);
    process.exit(2);
  }
  const rendererDir = join(__dirname, '..', '..', 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('No built renderer in out/renderer: run "npm run build" first (npm run serve does).');
    process.exit(1);
  }
  installCrashGuard();
  let folder: string;
  let requests: string;
  try {
    folder = dataDir(argv, process.env);
    requests = collectionsDir(argv, folder);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const services = await startAppServices(
    folder,
    {
      name: 'Lowhaio Inspector',
      version: appVersion(),
      shell: 'browser',
      runtime: { node: process.versions.node },
      platform: process.platform,
    },
    requests,
  );
  const server = await startBrowserModeServer({
    ...servedBy(services),
    rendererDir,
    port,
    ...(values.token ? { token: values.token } : {}),
    onTokenRotated: (url) => {
      console.log('The access token expired and was replaced; pages already open keep working. To open a new one:');
      console.log(url);
    },
  });
  console.log(`Lowhaio Inspector is running in browser mode (demo server at ${services.demo.url}).`);
  console.log(`Saved requests are in ${requests}. Open:`);
  console.log(server.url);
  if (!values['no-open']) openBrowser(server.url);
  const stop = async () => {
    await server.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (require.main === module) void runBrowserMode(process.argv.slice(2));
