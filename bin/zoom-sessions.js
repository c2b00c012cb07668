#!/usr/bin/env node
// The `zoom-sessions` command (npx zoom-sessions …): a committed file, so it stays executable after every
// build. The CLI itself is bundled into dist/bundle/ by `npm run build` (npm start and npm test build it too).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bundle/cli.cjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('zoom-sessions: not built yet; run `npm run build` first.\n');
  process.exit(2);
}
await import(cli.href);
