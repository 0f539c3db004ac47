// Lint, run by `npm test` (npm run lint): ESLint's and typescript-eslint's recommended rules for the
// whole tree, React's hooks rules for the renderer. Formatting is Prettier's (.prettierrc.json).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'bench/.out/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
      'renderer/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.{ts,js}', 'e2e/**/*.ts', 'contract/**/*.ts', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  // Run in the page by bench/measure-ui.ts (Playwright's evaluate).
  { files: ['bench/page-probe.js'], languageOptions: { globals: globals.browser } },
  {
    files: ['renderer/components/ChunkTable.tsx'],
    rules: {
      // @tanstack/react-virtual returns functions React Compiler cannot memoize; the app is not compiled by it.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    rules: {
      // Lines of at most 120 characters (Prettier's width); a message or a pattern stays one literal, found by grep.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      // A leading underscore marks what is left unused on purpose (a destructured field, an argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
);
