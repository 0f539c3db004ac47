// Browser mode in a process of its own, for the specs that restart it or give it their own folders:
// node itself runs the CLI (so that a SIGKILL ends the very process serving), on `port`, with the
// tests' token; resolves once it prints the URL to open.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { E2E_TOKEN } from './browser-mode';

export async function startOwnServer(port: number, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/browser-mode/cli.ts', '--port', String(port), '--no-open', '--token', E2E_TOKEN, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for await (const line of createInterface({ input: child.stdout! })) if (line.includes('#token=')) break;
  return child;
}

/** Stops a server started by startOwnServer, and waits until it has. */
export async function stopOwnServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
