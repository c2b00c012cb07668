// npm run soak -- --minutes 20 --seed 7 [--calls FILE]: the fault soak (bench/soak/run.ts), its figures printed
// at the end; --calls writes every call the simulator took (JSON) for a closer look. Exits 1 when the service
// diverged from Zoom or did not converge after the faults stopped.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak } from './soak/run.js';
import { soakReport } from './soak/report.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '20' }, seed: { type: 'string', default: '7' }, calls: { type: 'string' } } });
const minutes = Number(values.minutes);
const seed = Number(values.seed);
if (!(minutes >= 1 && minutes <= 24 * 60) || !Number.isInteger(seed)) {
  console.error('Usage: npm run soak -- --minutes N (1 to 1440) --seed N (a whole number) [--calls FILE]');
  process.exit(2);
}
const started = Date.now();
const record = await runSoak({ minutes, seed, log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`) });
if (values.calls) writeFileSync(values.calls, JSON.stringify(record.sim.calls));
for (const line of soakReport(record, { minutes, seed })) console.log(line);
if (record.divergences.length) console.log(`the service's status at the end: ${JSON.stringify(record.finalStatus)}`);
if (record.divergences.length) console.log(`the service's last lines:\n${record.serviceLog.join('\n')}`);
process.exitCode = record.divergences.length === 0 && record.convergedMs != null ? 0 : 1;
