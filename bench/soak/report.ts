// The soak's figures in words, one line a measure, as the closing note and CI's log show them. Pure.
import { ZOOM_LIMITS } from '../../shared/zoom-calls.js';
import { budgetWindows } from '../../main/zoom/call-budget.js';
import { quantile } from '../quantile.js';
import { outageRecoveries, retryAfterBreaches, worstMinutes, type CallGroup } from './measures.js';
import { STALE_LIMIT_MS, type SoakRecord } from './run.js';

const GROUPS: CallGroup[] = ['resource-intensive', 'heavy', 'medium', 'light', 'sign-in'];
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function soakReport(r: SoakRecord, opts: { minutes: number; seed: number }): string[] {
  const calls = r.sim.calls;
  const worst = worstMinutes(calls);
  const budget = budgetWindows('business')['resource-intensive'].limit;
  const retry = retryAfterBreaches(calls);
  const first = r.samples[0];
  const last = r.samples.at(-1);
  const kinds = new Map<string, number>();
  for (const f of r.faults) kinds.set(f, (kinds.get(f) ?? 0) + 1);
  const resumes = r.followers.flatMap((f) => f.resumeMs);
  const ended = r.ends.filter((e) => e.status === 200).length;
  return [
    `soak: ${opts.minutes} min, seed ${opts.seed}: ${r.zoom.starts} starts, ${r.zoom.ends} ends, ${r.zoom.counts} count changes in Zoom; ${r.ends.length} Ends through the API; ${r.restartsMs.length} kill -9`,
    `faults (${r.faults.length}): ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`,
    `isalive: p50 ${quantile(r.alive, 0.5).toFixed(1)} ms, p99 ${quantile(r.alive, 0.99).toFixed(1)} ms, max ${Math.max(...r.alive).toFixed(1)} ms (${r.alive.length} answers; ${r.aliveFailures.length} failed while the service was up)`,
    first && last ? `RSS: ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB (peak ${Math.max(...r.samples.map((x) => x.rssMb)).toFixed(0)}); open files ${first.openFiles} → ${last.openFiles} (most ${Math.max(...r.samples.map((x) => x.openFiles))})` : 'RSS: no samples',
    `restarts after kill -9: ${r.restartsMs.map(s1).join(', ') || 'none'}`,
    `event streams: ${r.followers.length} clients, ${r.followers.reduce((n, f) => n + f.reconnects, 0)} reconnects, resumed in ${resumes.length ? `${s1(Math.min(...resumes))}–${s1(Math.max(...resumes))}` : '-'}`,
    `convergence: ${r.convergedMs == null ? 'NOT converged by the end' : `${s1(r.convergedMs)} after faults stopped`}; longest difference while faults struck ${s1(r.longestStale.ms)}${r.longestStale.what ? ` (${r.longestStale.what})` : ''}`,
    `worst minute: ${GROUPS.map((g) => `${g} ${worst[g] ?? 0}`).join(', ')} (Dashboard: our budget ${budget}, Zoom's ${ZOOM_LIMITS.business.resourceIntensivePerMin})`,
    ...outageRecoveries(calls, r.outages).map((o, i) => `sign-in outage ${i + 1}: ${o.tokenRequests} token requests while down; back: first token ${o.firstToken == null ? 'never' : `+${s1(o.firstToken)}`}, first live read ${o.firstLiveRead == null ? 'never' : `+${s1(o.firstLiveRead)}`}`),
    `Retry-After: ${retry.answers} answers carried it; ${retry.breaches.length} calls came before it ran out${retry.breaches.length ? `: ${retry.breaches.map((b) => `${b.category} ${b.after} ms into ${b.askedMs} ms`).join('; ')}` : ''}`,
    `Ends: ${r.ends.length} pressed, ${ended} answered 200; the End audit holds ${r.audit.length} entries`,
    `stale past ${STALE_LIMIT_MS / 1000} s while faults struck: ${r.stale.length === 0 ? 'none' : r.stale.length}`,
    ...r.stale.map((d) => `  ${d}`),
    `divergences from Zoom: ${r.divergences.length === 0 ? 'none' : r.divergences.length}`,
    ...r.divergences.map((d) => `  ${d}`),
  ];
}
