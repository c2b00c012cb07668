// Lint: typescript-eslint's recommended rules, plus the layering of DESIGN.md as import rules,
// so that the runtime boundaries (shared is pure, only main/app touches electron) cannot rot.
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: false }] }],
});
const electron = ['electron', 'electron/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'renderer/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(['node:*', ...electron, '../main/*', '../renderer/*', 'axios', 'fastify', 'mongodb', 'preact', 'preact/*'],
      'shared/ is pure TypeScript: no Node, DOM, Electron or main/renderer imports.'),
  },
  {
    files: ['main/zoom/**/*.ts', 'main/zoom-simulator/**/*.ts', 'main/store/**/*.ts'],
    rules: restrict([...electron, '../sync/*', '../api/*', '../app/*', '../service.js', '../cli.js', '../zoom/*', '../store/*', '../zoom-simulator/*', '!../../shared/*'],
      'main/zoom, main/zoom-simulator and main/store import only shared/ (DESIGN.md).'),
  },
  {
    files: ['main/sync/**/*.ts'],
    rules: restrict([...electron, '../api/*', '../app/*', '../service.js', '../cli.js', '../zoom-simulator/*'],
      'main/sync imports main/zoom, main/store and shared/ only.'),
  },
  {
    files: ['main/api/**/*.ts'],
    rules: restrict([...electron, '../app/*', '../service.js', '../cli.js', '../zoom-simulator/*'],
      'main/api imports main/sync, main/store and shared/ only.'),
  },
  {
    files: ['main/setup/**/*.ts'],
    rules: restrict([...electron, '../app/*', '../api/*', '../service.js', '../cli.js'], 'main/setup is plain Node: the shell passes its vault in.'),
  },
  {
    // Everything in the shell but its entry is pure and tested in Node: only main.ts and the preload touch electron.
    files: ['main/app/**/*.ts'],
    ignores: ['main/app/main.ts', 'main/app/preload.cts'],
    rules: restrict([...electron, 'electron-store'], 'Only main/app/main.ts and the preload import electron; the rest of main/app is tested in plain Node.'),
  },
  {
    files: ['main/*.ts'],
    rules: restrict([...electron, './app/*'], 'Only main/app imports electron; the engine never imports the shell.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(['node:*', ...electron, '../main/*', '../../main/*', '**/main/**'], 'renderer/ imports shared/ only; data comes from the HTTP API.'),
  },
);
