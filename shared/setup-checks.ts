// The shape of a set-up check (zoom-sessions doctor, and Check setup on the Connect Zoom screen) and its
// pure parts: the scope judgement, the printout and the exit code.
import { ZOOM_SCOPES } from './zoom-calls.js';

/** ok ✓; warn ! (works, with less: an optional feature); fail ✗ (what is configured does not work);
 * skip – (not configured). */
export type CheckState = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  state: CheckState;
  /** What was found, in words. */
  detail: string;
  /** What to do about it, when anything. */
  fix?: string;
}

export const CHECK_MARK: Record<CheckState, string> = { ok: '✓', warn: '!', fail: '✗', skip: '–' };
/** The same, in words, for screen readers. */
export const CHECK_WORD: Record<CheckState, string> = { ok: 'passed', warn: 'works with less', fail: 'failed', skip: 'not configured' };

export function formatChecks(checks: readonly Check[]): string {
  return checks.map((c) => `${CHECK_MARK[c.state]} ${c.name}: ${c.detail}${c.fix ? `\n    → ${c.fix}` : ''}`).join('\n');
}

/** 0 only when everything that is configured works. */
export function exitCode(checks: readonly Check[]): number {
  return checks.some((c) => c.state === 'fail') ? 1 : 0;
}

/** The granted scopes (Zoom's token answer lists them) against what each feature needs; a scope counts
 * under its granular or its classic name. */
export function scopeChecks(granted: readonly string[]): Check[] {
  const has = new Set(granted);
  return ZOOM_SCOPES.map((s) => {
    const names = [...s.granular, s.classic];
    const ok = s.granular.every((g) => has.has(g)) || has.has(s.classic);
    if (ok) return { name: `scope for ${s.why}`, state: 'ok' as const, detail: `granted (${names.filter((n) => has.has(n)).join(', ')})` };
    const missing = s.granular.filter((g) => !has.has(g));
    return {
      name: `scope for ${s.why}`,
      state: s.optional ? ('warn' as const) : ('fail' as const),
      detail: `not granted: ${missing.join(', ')}${s.optional ? ' (optional)' : ''}`,
      fix: `In the Zoom App Marketplace, add ${missing.join(' and ')} (or ${s.classic}) to the app's scopes, then activate it again.`,
    };
  });
}
