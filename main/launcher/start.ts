// `npm start`: launches the desktop app from the build in out/. Electron's binary is fetched on
// first use; where that fails (no route to its download host) it says why in one line.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fetchElectronBinary, findElectronBinary } from './electron-binary';

async function main(): Promise<void> {
  const projectRoot = join(__dirname, '..', '..');
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  let binary = findElectronBinary(packageDir);
  if (!binary.found) {
    console.log(`Electron: ${binary.reason}; fetching it now...`);
    binary = await fetchElectronBinary(packageDir);
  }
  if (!binary.found) {
    console.error(`Lowhaio Inspector could not start Electron: ${binary.reason}.`);
    process.exit(1);
  }
  const child = spawn(binary.path, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('error', (error) => {
    console.error(`Lowhaio Inspector could not start Electron at ${binary.path}: ${error.message}.`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

void main();
