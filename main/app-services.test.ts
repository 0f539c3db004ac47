import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the demo server port', () => {
  it('is the one it had last time when free, so old demo URLs still answer; another one when taken', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { createServer } = await import('node:net');
    const { startDemoOnKnownPort } = await import('./app-services');
    const data = mkdtempSync(join(tmpdir(), 'lowhaio-demo-port-'));
    try {
      const first = await startDemoOnKnownPort(data);
      const port = first.port;
      await first.close();
      const second = await startDemoOnKnownPort(data);
      expect(second.port).toBe(port);
      // While it runs, its port is taken: a second instance gets another, and keeps that one.
      const third = await startDemoOnKnownPort(data);
      expect(third.port).not.toBe(port);
      await Promise.all([second.close(), third.close()]);
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(third.port, '127.0.0.1', resolve));
      const fourth = await startDemoOnKnownPort(data);
      expect(fourth.port).not.toBe(third.port);
      await fourth.close();
      blocker.close();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
