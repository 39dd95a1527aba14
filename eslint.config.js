// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.recap/', 'src/search/data/'] },
  ...tseslint.configs.recommended,
  {
    // Type-aware, over the TypeScript project (tsconfig.json): an async bot must not drop a
    // promise (an unhandled rejection, a reply never sent).
    files: ['{src,workers,tests,bench,scripts}/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      // Logging goes through pino; the CLI writes to process.stdout explicitly.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Benchmarks and maintenance scripts print tables for people.
    files: ['bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
