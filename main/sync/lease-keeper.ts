// Runs the lease state machine (lease.ts) on timers against the database's lease primitive, and says
// when this instance becomes the one that polls Zoom and when it stops being it.
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';
import { afterAttempt, DEFAULT_LEASE, INITIAL_LEASE, nextAttemptAt, roleAt, type AttemptResult, type LeaseConfig, type LeaseState, type Role } from './lease.js';

export interface LeasePrimitive {
  tryLease(holder: string, ttlMs: number, now: number): Promise<AttemptResult>;
}

export interface LeaseKeeperOptions {
  primitive: LeasePrimitive;
  holder: string;
  config?: LeaseConfig;
  clock?: Clock;
  onRole: (role: Role) => void;
  log?: (line: string) => void;
}

export class LeaseKeeper {
  private state: LeaseState = INITIAL_LEASE;
  private role: Role = 'follower';
  private timer: TimerHandle | null = null;
  private stopped = true;
  private readonly cfg: LeaseConfig;
  private readonly clock: Clock;

  constructor(private readonly opts: LeaseKeeperOptions) {
    this.cfg = opts.config ?? DEFAULT_LEASE;
    this.clock = opts.clock ?? systemClock;
  }

  get current(): Role {
    return this.role;
  }

  start(): void {
    this.stopped = false;
    void this.attempt();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.setRole('follower');
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const startedAt = this.clock.now();
    let result: AttemptResult;
    try {
      result = await this.opts.primitive.tryLease(this.opts.holder, this.cfg.ttlMs, startedAt);
    } catch (e) {
      this.opts.log?.(`team: the lease could not be read (${(e as Error).message}).`);
      result = { kind: 'error' };
    }
    if (this.stopped) return;
    this.state = afterAttempt(this.state, result, startedAt, this.cfg);
    this.settle();
  }

  /** Role now, then a timer for the next attempt — or for stepping down, if that comes first. */
  private settle(): void {
    const now = this.clock.now();
    this.setRole(roleAt(this.state, now));
    const next = nextAttemptAt(this.state, now, this.cfg);
    const stepDown = this.role === 'leader' ? this.state.validUntil : Infinity;
    this.clock.clearTimeout(this.timer);
    if (stepDown <= next) this.timer = this.clock.setTimeout(() => this.settle(), Math.max(0, stepDown - now));
    else this.timer = this.clock.setTimeout(() => void this.attempt(), Math.max(0, next - now));
    (this.timer as { unref?: () => void }).unref?.();
  }

  private setRole(role: Role): void {
    if (role === this.role) return;
    this.role = role;
    this.opts.log?.(role === 'leader' ? 'team: this instance now polls Zoom for the team.' : 'team: another instance polls Zoom; following the shared database.');
    this.opts.onRole(role);
  }
}
