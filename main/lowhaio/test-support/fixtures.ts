// Test support: pools and servers that close themselves after each test.
import { afterEach } from 'vitest';
import { Pool, type PoolOptions, type RequestFunction } from '../pool';
import type { RunningServer } from './servers';

export interface Fixtures {
  /** A Pool's request function; the pool is closed after the test. */
  pool(options?: PoolOptions): RequestFunction;
  /** Waits for a server to start; it is closed after the test. */
  server<T extends RunningServer>(started: Promise<T>): Promise<T>;
  /** Runs `cleanup` after the test (last registered, first run). */
  defer(cleanup: () => Promise<void>): void;
}

export function useFixtures(): Fixtures {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  return {
    pool(options = {}) {
      const [request, close] = Pool(options);
      cleanups.push(close);
      return request;
    },
    async server(started) {
      const running = await started;
      cleanups.push(() => running.close());
      return running;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
