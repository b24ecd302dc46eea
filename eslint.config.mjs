// ESLint (flat config): typescript-eslint everywhere, eslint-plugin-office-addins for the Excel door.
// The import rules between folders are checked by dependency-cruiser (.dependency-cruiser.cjs).
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.find((c) => c.plugins)?.rules ?? {}).filter(([k]) =>
    k.startsWith('office-addins/'),
  ),
);

/** Globals the engine must not touch: the page (DOM), Office.js, Node, and I/O. */
const CORE_FORBIDDEN_GLOBALS = [
  // DOM and the browser
  'document',
  'window',
  'self',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'XMLHttpRequest',
  'DOMParser',
  'HTMLElement',
  'Element',
  'alert',
  // Office.js
  'Office',
  'Excel',
  // Node
  'process',
  'Buffer',
  'require',
  'module',
  'global',
  '__dirname',
  '__filename',
  'setImmediate',
  // I/O: files and network are the doors' business
  'fetch',
];

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
    // the engine (and the sample built on it) is pure: no Node, DOM or Office API. Its tsconfig has no DOM lib, but Node's types reach it through
    // jszip's `/// <reference types="node" />`, so Node's globals are refused here (imports: .dependency-cruiser.cjs).
    files: ['src/core/**/*.ts', 'src/sample/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...CORE_FORBIDDEN_GLOBALS],
      'no-restricted-properties': [
        'error',
        ...CORE_FORBIDDEN_GLOBALS.map((property) => ({ object: 'globalThis', property })),
      ],
    },
  },
  {
    // the pane's ES5 build runs in Internet Explorer 11: Babel rewrites the u flag, but nothing can rewrite a
    // lookbehind (capture the character before instead)
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'Literal[regex.pattern=/\\(\\?<[=!]/]',
          'Literal[value=/\\(\\?<[=!]/]',
          'TemplateElement[value.raw=/\\(\\?<[=!]/]',
        ].map((selector) => ({ selector, message: 'No lookbehind in src: Internet Explorer 11 cannot run it.' })),
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
