// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.recap/', 'src/search/data/'] },
  ...tseslint.configs.recommended,
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
