// Run by `npm run measure` (bench/baselines.ts) in a fresh process: lowhaio alone, cold. Starts a
// demo server, waits a second (the app is idle before its first Send), reads the gigabyte once and
// prints the ms it took.
import { startDemoServer } from '../main/demo-server/server';
import { coreAlone, GIGABYTE_PATH } from './core-alone';

async function main(): Promise<void> {
  const demo = await startDemoServer();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const took = await coreAlone(`${demo.url}${GIGABYTE_PATH}`);
  await demo.close();
  console.log(took.toFixed(1));
}

void main();
