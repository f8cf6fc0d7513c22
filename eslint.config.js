// Lint rules: typescript-eslint recommended, plus the layering rule that keeps
// the policy engine and analysis free of node:*, storage and server imports.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/policy/**/*.ts', 'src/analysis/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http'], message: 'the engine must run in a browser: no node imports' },
          { group: ['**/storage/**', '**/server/**', '**/services/**', '**/auth/**'], message: 'the engine is pure: no storage, server or service imports' },
        ],
      }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
