// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** ESLint (flat config): the recommended rules of ESLint and typescript-eslint, run by `npm test` with zero warnings. */
export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'docs/images/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks what a signature or a destructuring must name but the code does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests reach into pages that have no types: the official SDK's global, DevTools' front end, Firefox's
    // chrome scope, values coming back from `page.evaluate`. Describing those as types would be fiction.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The fixture app is a plain script for a browser page with the official SDK loaded as a global.
    files: ['test/fixtures/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        URLSearchParams: 'readonly',
        console: 'readonly',
        CometChat: 'readonly',
      },
    },
  },
);
