// ESLint flat config. Besides style, it enforces the layering of ARCHITECTURE.md: only the UI layer
// (src/ui, src/extension.ts) may import `vscode`; the webview scripts may import nothing from the host.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = {
  paths: [{ name: 'vscode', message: 'Only src/ui and src/extension.ts may import vscode (see ARCHITECTURE.md).' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: [
      'src/aws/**',
      'src/coldStart/**',
      'src/core/**',
      'src/domain/**',
      'src/emulator/**',
      'src/inventory/**',
      'src/plans/**',
      'src/protocol/**',
      'src/shared/**',
      'src/wizards/**',
    ],
    rules: {
      'no-restricted-imports': ['error', noVscode],
    },
  },
  {
    files: ['src/emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            {
              group: ['**/ui/**', '**/aws/**', '**/domain/**'],
              message: 'The emulator is its own module: it may not reach into the extension.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            {
              group: ['**/ui/**', '**/aws/**', '**/domain/**', '**/emulator/**', '**/inventory/**', '@aws-sdk/*'],
              message: 'src/shared holds dependency-free libraries used by both the extension and the emulator.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/webview/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noVscode,
          patterns: [
            {
              group: ['**/ui/**', '**/aws/**', '**/emulator/**', 'node:*'],
              message: 'Webview scripts run in the browser: import only src/protocol and src/webview.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/emulator/cli.ts', 'scripts/**', 'test/**', 'esbuild.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
