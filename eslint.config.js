// One lint config for the monorepo. Package boundaries from DESIGN.md are enforced here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'os',
];
const restrict = (patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((p) => ({ group: [p.from], message: p.why })) },
  ],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'data/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      ...nodeBuiltins.map((from) => ({
        from,
        why: 'shared/ runs in the browser too: no node-only modules.',
      })),
      { from: 'react*', why: 'shared/ must not depend on the browser.' },
      { from: '@eventscope/*', why: 'shared/ is the bottom of the graph.' },
      { from: 'kafkajs', why: 'broker access lives in collectors/.' },
    ]),
  },
  {
    files: ['collectors/**/*.ts'],
    rules: restrict([
      {
        from: '@eventscope/api*',
        why: 'collectors/ must not own storage or HTTP: the api calls collectors, not back.',
      },
      { from: '@eventscope/web*', why: 'collectors/ must not serve the UI.' },
      { from: 'express', why: 'collectors/ does not serve HTTP.' },
      { from: '@eventscope/*/src/*', why: "use a package's public exports, not deep imports." },
    ]),
  },
  {
    files: ['api/**/*.ts'],
    rules: restrict([
      { from: 'kafkajs', why: 'api/ reaches Kafka only through @eventscope/collectors.' },
      { from: '@eventscope/web*', why: 'api/ serves the built SPA as static files only.' },
      { from: '@eventscope/*/src/*', why: "use a package's public exports, not deep imports." },
    ]),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        { from: '@eventscope/api*', why: 'web/ talks to the api over HTTP only.' },
        { from: '@eventscope/collectors*', why: 'web/ talks to the api over HTTP only.' },
        { from: 'kafkajs', why: 'web/ has no broker access.' },
        ...nodeBuiltins.map((from) => ({ from, why: 'web/ runs in the browser.' })),
      ]),
    },
  },
  {
    files: ['tools/**/*.ts', 'e2e/**/*.ts', '**/*.test.ts', '**/*.config.ts'],
    rules: { 'no-console': 'off' },
  },
);
