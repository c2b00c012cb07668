// A child process for the kill-mid-write test: writes batches forever, printing each acknowledged one.
import { EmbeddedStore } from '../../main/store/embedded.js';
import { makeSession } from './sessions.js';

const dir = process.argv[2]!;
const store = new EmbeddedStore({ dataDir: dir, compactAfterBytes: 64 * 1024 });
await store.open();
for (let i = 0; ; i++) {
  // Each batch rewrites one session a few times and adds one, with enough text to cross compactions.
  await store.apply([
    { type: 'upsert', session: makeSession(String(i), { topic: 'x'.repeat(500) + i }) },
    { type: 'upsert', session: makeSession('999999', { participants: i }) },
  ]);
  process.stdout.write(`acked ${i}\n`);
}
