// Lint: a few rules that catch real mistakes (a promise nobody waits for, code nothing uses,
// a type imported as a value), plus the recommended basics. Formatting is left to .editorconfig.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'data/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // stripping control characters from files people send is the point of those patterns
      'no-control-regex': 'off',
    },
  },
  {
    // plain Node scripts (webpack config, icon drawing): CommonJS with Node globals
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: globals.node,
    },
    // a module-scope `const crypto = require('crypto')` shadows nothing
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    // the service's pages and the add-in's plain scripts run in the browser, as classic scripts (Office.js for the add-in)
    files: ['server/public/**/*.js', 'addin/**/*.js'],
    ignores: ['addin/assets/**'],
    languageOptions: {
      sourceType: 'script',
      // the pages' scripts share one global (`Mosavabat`, from common.js)
      globals: { ...globals.browser, Mosavabat: 'readonly', Office: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', caughtErrors: 'none' }],
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
);
