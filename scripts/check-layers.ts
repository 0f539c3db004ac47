// The layering check run by `npm test`: every import of every source file is read with TypeScript's
// own pre-processor (not a regular expression) and judged by layer-rules.ts. Exits 1 on any breach.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkImport, importsOf } from './layer-rules';

const ROOTS = ['shared', 'main', 'renderer', 'e2e'];
const SOURCE = /\.(ts|tsx|mts|cts)$/;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/** Checks the tree at `projectRoot` (the project's own by default; a test passes another). */
function main(projectRoot = process.argv[2] ?? join(__dirname, '..')): void {
  const breaches: string[] = [];
  let files = 0;
  for (const root of ROOTS) {
    if (!existsSync(join(projectRoot, root))) continue;
    for (const path of sourceFiles(join(projectRoot, root))) {
      files++;
      const file = relative(projectRoot, path).split('\\').join('/');
      for (const spec of importsOf(readFileSync(path, 'utf8'))) {
        const reason = checkImport(file, spec);
        if (reason !== null) breaches.push(`${file}: ${reason}`);
      }
    }
  }
  if (breaches.length > 0) {
    console.error(`Layering check: ${breaches.length} forbidden import(s)\n  ${breaches.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Layering check: ${files} files, every import within its layer.`);
}

main();
