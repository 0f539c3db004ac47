import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('installCrashGuard', () => {
  it('logs an uncaught exception and an unhandled rejection, and the process goes on serving', async () => {
    const script = `
      const { createServer } = require('node:http');
      const { installCrashGuard } = require(${JSON.stringify(join(__dirname, 'crash-guard.ts'))});
      installCrashGuard((line) => console.log('LOG ' + line.split('\\n')[0]));
      setTimeout(() => { throw new Error('a stray throw'); }, 10);
      setTimeout(() => { Promise.reject(new Error('a stray rejection')); }, 20);
      const server = createServer((request, response) => { response.end('still here'); server.close(); });
      server.listen(0, '127.0.0.1', () => setTimeout(() => console.log('PORT ' + server.address().port), 50));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (part: Buffer) => {
        out += part.toString();
        const match = /PORT (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    const answer = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(answer).toBe('still here');
    expect(out).toContain('LOG Lowhaio Inspector kept running after an uncaught exception: Error: a stray throw');
    expect(out).toContain(
      'LOG Lowhaio Inspector kept running after an unhandled promise rejection: Error: a stray rejection',
    );
    child.kill();
  });
});
