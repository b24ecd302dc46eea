// ESLint (flat config): typescript-eslint everywhere, eslint-plugin-office-addins for the Excel door.
// The import rules between folders are checked by dependency-cruiser (.dependency-cruiser.cjs).
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.find((c) => c.plugins)?.rules ?? {}).filter(([k]) =>
    k.startsWith('office-addins/'),
  ),
);

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'dist/**',
      'out/**',
      'coverage/**',
      'test-results/**',
      'node_modules/**',
      'test/fixtures/**',
      'bench/tmp/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/excel/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    // the engine is pure: no Node, DOM or Office API (its tsconfig has no such types either)
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'document',
        'window',
        'navigator',
        'Office',
        'Excel',
        'process',
        'Buffer',
        'require',
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
