// Unit and component tests. Two projects by runtime: Node (main/, shared/, scripts/, and contract/:
// the InspectorApi contract through each transport) and a DOM
// (renderer/, jsdom). End-to-end tests live in e2e/ and run under Playwright, not here.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'scripts/**/*.test.ts', 'contract/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test-setup.ts'],
          // Component tests wait on the DOM (findBy: test-setup.ts); on a loaded two-core machine
          // a flow of a few steps can take longer than the default 5 s.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
