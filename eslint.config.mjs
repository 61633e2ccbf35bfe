// ESLint flat config: style and correctness. The layering of ARCHITECTURE.md (who may import what) is
// checked by dependency-cruiser (.dependency-cruiser.cjs), as allow-lists.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/out/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', '.tools/**'] },
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
    // Layering is checked by dependency-cruiser (.dependency-cruiser.cjs); ESLint only knows the
    // webview page runs in the browser.
    files: ['src/playground/page/**', 'src/logs/page/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/emulator/src/cli.ts', 'packages/*/test/**', 'packages/*/bench/**', 'packages/*/esbuild.mjs', 'scripts/**', 'test/**', 'bench/**', 'esbuild.mjs'],
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
