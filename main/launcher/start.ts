// `npm start`: launches the desktop app from the build in out/. Electron's binary is fetched on
// first use; where that fails (no route to its download host), or there is no display to show a
// window on, it says why in one line and starts browser mode instead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runBrowserMode } from '../browser-mode/cli';
import { fetchElectronBinary, findElectronBinary } from './electron-binary';

async function fallBack(reason: string): Promise<void> {
  console.error(`Lowhaio Inspector could not start Electron: ${reason}; starting browser mode instead.`);
  await runBrowserMode(process.argv.slice(2));
}

async function main(): Promise<void> {
  const projectRoot = join(__dirname, '..', '..');
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  let binary = findElectronBinary(packageDir);
  if (!binary.found) {
    console.log(`Electron: ${binary.reason}; fetching it now...`);
    binary = await fetchElectronBinary(packageDir);
  }
  if (!binary.found) return fallBack(binary.reason);
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return fallBack('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
  }
  // The app's own arguments (--data-dir) follow the app folder, for main/index.ts to read.
  const child = spawn(binary.path, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('error', (error) => void fallBack(`${binary.path} failed to run (${error.message})`));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

void main();
