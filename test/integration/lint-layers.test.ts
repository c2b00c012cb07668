// The layers of DESIGN.md are enforced by `npm run lint` on resolved paths: each import below, put in
// the file named, is refused however its path is spelled, and the allowed ones pass. Runs ESLint with
// the project's own config (only the import rules: the probes are not files of the TypeScript project).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('import-x/') || ruleId === '@typescript-eslint/no-restricted-imports',
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const refused: [string, string, RegExp][] = [
  ['main/zoom/probe.ts', "import { SyncEngine } from '../sync/engine.js';", /main\/zoom imports shared\/ only/],
  ['main/zoom/events/probe.ts', "import { SyncEngine } from '../../sync/engine.js';", /main\/zoom imports shared\/ only/],
  ['main/zoom/probe.ts', "import { SyncEngine } from './../sync/../sync/engine.js';", /main\/zoom imports shared\/ only/],
  ['main/zoom/probe.ts', "import type { SessionStore } from '../store/session-store.js';", /main\/zoom imports shared\/ only/],
  ['main/sync/probe.ts', "import { buildApi } from '../api/server.js';", /main\/sync imports main\/zoom, main\/store and shared\/ only/],
  ['main/sync/probe.ts', "import { startService } from '../service.js';", /main\/sync imports/],
  ['main/store/probe.ts', "import { SyncEngine } from '../sync/engine.js';", /main\/store imports shared\/ only/],
  ['main/api/probe.ts', "import { ZoomClient } from '../zoom/client.js';", /main\/api imports main\/sync, main\/store and shared\/ only/],
  ['main/api/probe.ts', "import { ZoomSetup } from '../account/zoom-setup.js';", /main\/api imports/],
  ['shared/probe.ts', "import { parseServeArgs } from '../main/config.js';", /shared\/ imports nothing of ours/],
  ['renderer/src/probe.ts', "import { parseServeArgs } from '../../main/config.js';", /renderer\/ imports shared\/ only/],
  ['main/sync/probe.ts', "import { ZoomSimulator } from '../zoom-simulator/server.js';", /product code does not import the Zoom simulator/],
  ['main/cli.ts', "import { ZoomSimulator } from './zoom-simulator/server.js';", /product code does not import the Zoom simulator/],
  ['main/api/probe.ts', "import { launch } from '../app/start-mode.js';", /nothing below main\/app imports the shell/],
  ['main/sync/probe.ts', "import { app } from 'electron';", /Only main\/app\/electron imports electron/],
  ['main/zoom/probe.ts', "import { nothing } from '../sync/no-such-file.js';", /Unable to resolve/],
];

for (const [file, code, why] of refused) {
  test(`lint refuses in ${file}: ${code}`, async () => {
    const found = await problems(file, `${code}\nexport {};\n`);
    assert.ok(found.some((p) => why.test(p)), `expected ${why}, got: ${found.join(' | ') || 'nothing'}`);
  });
}

const allowed: [string, string][] = [
  ['main/sync/probe.ts', "import { ZoomError } from '../zoom/errors.js';"],
  ['main/sync/probe.ts', "import type { SessionStore } from '../store/session-store.js';"],
  ['main/api/probe.ts', "import type { SyncEngine } from '../sync/engine.js';"],
  ['main/account/probe.ts', "import { ZoomClient } from '../zoom/client.js';"],
  ['main/service.ts', "import { ZoomSimulator } from './zoom-simulator/server.js';"],
  ['renderer/src/probe.ts', "import { peopleCount } from '../../shared/people.js';"],
  ['main/app/electron/probe.ts', "import { app } from 'electron';\nimport { startService } from '../../service.js';"],
];

// Where npm install went on without Electron, lint leaves the shell's folder out (it cannot be type-checked).
const electronMissing = (() => {
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
    return false;
  } catch {
    return 'the electron package is not installed: lint leaves main/app/electron out';
  }
})();

for (const [file, code] of allowed) {
  const skip = file.startsWith('main/app/electron/') ? electronMissing : false;
  test(`lint allows in ${file}: ${code.split('\n')[0]}`, { skip }, async () => {
    assert.deepEqual(await problems(file, `${code}\nexport {};\n`), []);
  });
}
