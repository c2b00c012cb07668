// Participant names are personal data: the app shows them and keeps them nowhere. The whole service runs on
// the demo account (named people join and leave by Zoom's events, meetings are flagged, warned about and
// ended by the policy and by a person), then every file of its data dir and every log line is read for the
// names. The data dir holds exactly what the store was given (sessions, tokens, the End audit): the same
// writes MongoDB gets in team mode.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseServeArgs } from '../../main/config.js';
import { startService } from '../../main/service.js';
import { DEMO_PEOPLE } from '../../main/zoom-simulator/demo.js';
import { until } from '../helpers/until.js';

test('no participant name reaches the data dir (what the store is given) or the log', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-names-'));
  const logs: string[] = [];
  const config = parseServeArgs(['--demo', '--port', '0', '--data-dir', dir], {});
  config.attention = { emptyMs: 500, aloneMs: 500, overrunMs: 500 };
  config.autoEnd = { kinds: new Set(['empty', 'alone']), warningMs: 500, except: new Set() };
  const service = await startService(config, { demoTickMs: 150, insightTickMs: 100, log: (l) => logs.push(l) });
  const seen = new Set<string>();
  try {
    // Until the policy has ended something and names have been shown for live meetings.
    await until('an auto-end and names shown', async () => {
      for (const s of service.engine.list().filter((x) => x.status === 'live')) {
        for (const p of (await service.engine.participants(s.meetingId).catch(() => null))?.participants ?? []) seen.add(p.name);
      }
      const audit = await service.engine.audit({ limit: 5 });
      return seen.size >= 5 && audit.some((e) => e.by.startsWith('policy:'));
    }, 15_000);
    const live = service.engine.list().find((s) => s.status === 'live');
    if (live) await service.engine.endMeeting(live.meetingId, 'dashboard').catch(() => undefined);
  } finally {
    await service.stop();
  }
  assert.ok([...seen].every((n) => DEMO_PEOPLE.includes(n)), `names shown: ${[...seen].join(', ')}`);
  // Each name, and without what it says in brackets ("Jordan" of "Jordan (on hold)").
  const words = [...new Set(DEMO_PEOPLE.flatMap((n) => [n, n.replace(/\s*\(.*\)$/, '')]))].map((w) => w.replace(/[()]/g, '\\$&'));
  const named = new RegExp(`\\b(${words.join('|')})\\b`);
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  assert.ok(files.some((f) => f.name === 'audit.ndjson') && files.some((f) => f.name.startsWith('sessions') || f.name.startsWith('journal')), files.map((f) => f.name).join(', '));
  for (const f of files) {
    const text = await readFile(path.join(f.parentPath, f.name), 'utf8');
    assert.doesNotMatch(text, named, `${f.name} holds a participant's name`);
  }
  assert.ok(logs.some((l) => l.startsWith('auto-end:')), 'the policy said what it ended');
  for (const line of logs) assert.doesNotMatch(line, named, line);
  await rm(dir, { recursive: true, force: true });
});
