// Lint: typescript-eslint's type-checked rules, and the layering of DESIGN.md checked on *resolved*
// paths (import-x resolves `../x.js` to the `.ts` file it names), so no spelling of a path gets past it.
import { createRequire } from 'node:module';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const electron = ['electron', 'electron/*', 'electron-store'];
// Where npm install went on without Electron (its download failed), the shell cannot be type-checked.
const electronInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
    return true;
  } catch {
    return false;
  }
})();
if (!electronInstalled) console.log('lint: main/app/electron is not linted: the electron package is not installed.');
const TOP = ['./main/service.ts', './main/cli.ts', './main/doctor.ts', './main/account-runner.ts'];
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

/** Who may import whom (DESIGN.md's folder table). `from` is what `target` may not import. */
const layers = [
  zone('./shared', ['./main', './renderer', './test', './bench'], 'shared/ imports nothing of ours: it is pure and used by both sides.'),
  zone('./renderer', ['./main', './test', './bench'], 'renderer/ imports shared/ only; its data comes from the HTTP API.'),
  zone('./main/zoom', ['./main/sync', './main/store', './main/api', './main/app', './main/account', './main/zoom-simulator', ...TOP], 'main/zoom imports shared/ only.'),
  zone('./main/zoom-simulator', ['./main/zoom', './main/sync', './main/store', './main/api', './main/app', './main/account', ...TOP], 'the simulator stands for Zoom: it imports shared/ only.'),
  zone('./main/store', ['./main/zoom', './main/sync', './main/api', './main/app', './main/account', './main/zoom-simulator', ...TOP], 'main/store imports shared/ only.'),
  zone('./main/account', ['./main/sync', './main/store', './main/api', './main/app', './main/zoom-simulator', ...TOP], 'main/account imports main/zoom and shared/ only.'),
  zone('./main/sync', ['./main/api', './main/app', './main/account', './main/zoom-simulator', ...TOP], 'main/sync imports main/zoom, main/store and shared/ only.'),
  zone('./main/api', ['./main/zoom', './main/app', './main/account', './main/zoom-simulator', ...TOP], 'main/api imports main/sync, main/store and shared/ only.'),
  zone(['./main/!(app)/**', './main/*.ts'], './main/app', 'nothing below main/app imports the shell.'),
  // The demo account is the composition root's to start (--demo); nothing else in the product uses the simulator.
  zone(['./main/!(zoom-simulator)/**', './main/!(service).ts'], './main/zoom-simulator', 'product code does not import the Zoom simulator; only main/service.ts starts it for --demo.'),
];

export default tseslint.config(
  { ignores: [...(electronInstalled ? [] : ['main/app/electron/**']), 'dist/**', 'out/**', 'node_modules/**', 'renderer/dist/**', 'renderer/src/generated/**', 'test-results/**', 'eslint.config.js', 'vite.config.ts', 'scripts/**', 'bin/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.cjs': ['.cts', '.cjs'] } })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] }],
      // Fastify plugins and the fakes of async interfaces are async by contract, with or without an await.
      '@typescript-eslint/require-await': 'off',
      // An import the resolver cannot find would slip past the layer rule: none may exist.
      'import-x/no-unresolved': ['error', { ignore: ['^electron$', '^electron/'] }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
  {
    // Rooms small enough to live in (tests aside).
    files: ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Only the shell's folder touches Electron; everything else runs and is tested in plain Node.
    files: ['**/*.ts', '**/*.tsx', '**/*.cts'],
    ignores: ['main/app/electron/**', 'test/helpers/electron-*.ts', 'test/e2e/electron.test.ts', 'test/integration/app/shell.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: electron, message: 'Only main/app/electron imports electron; the rest is tested in plain Node.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['node:*', ...electron, 'fastify', 'mongodb', 'ws'], message: 'shared/ and renderer/ run in the browser too: no Node or server packages.' }] }],
    },
  },
);
