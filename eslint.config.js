// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * ESLint (flat config), run by `npm test` with zero warnings: the recommended rules of ESLint, typescript-eslint's
 * type-checked rules on the TypeScript (through the project's tsconfig), and the Rules of Hooks on the views.
 */
export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'docs/images/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    // Plain JavaScript (configs, the fixture apps) is outside the TypeScript project: no type information there.
    files: ['**/*.{js,mjs,cjs,jsx}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The sample app (npm start's, and the UI Kit fixture of the e2e suite) is a React app written as people write one.
    files: ['emulator/sample-app/**/*.jsx'],
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { document: 'readonly', location: 'readonly', URLSearchParams: 'readonly' },
    },
  },
  {
    // The page agent keeps the page's own prototype functions (Storage, fetch, EventTarget) before the app can patch
    // them, and calls each with `Reflect.apply` on the right receiver: taking them unbound is the point.
    // Its tests compare those functions by identity, before and after the agent patched them.
    files: ['lib/page/agent/**/*.ts', 'test/unit/page-agent-*.test.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
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
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // What comes from those untyped pages is `any` on purpose, so the rules against using an `any` are noise here.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes and stubs stand in for async interfaces with bodies that have nothing to wait for.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The contract suite drives the official SDK in a page with calls written as source text (page.evaluate cannot
    // carry a closure); `new Function` there is the point.
    files: ['test/e2e/sdk-contract.e2e.ts'],
    rules: { '@typescript-eslint/no-implied-eval': 'off' },
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
