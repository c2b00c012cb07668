// Which Zoom account the engine reads, and whether this instance reads Zoom at all: switching accounts
// (stop polling and events, forget the old account's sessions, start on the new one) and, in team mode,
// reading Zoom only while this instance holds the lease.
import type { ZoomConfig } from './config.js';
import type { AccountChoice } from './account/zoom-setup.js';
import type { SyncEngine } from './sync/engine.js';
import type { LiveEvents, WebSocketConfig } from './sync/live-events.js';
import type { SyncScheduler } from './sync/scheduler.js';
import { S2SOAuth, StaticToken, type TokenProvider } from './zoom/auth.js';
import type { CallBudgets } from './zoom/call-budget.js';
import { ZoomClient } from './zoom/client.js';
import type { ZoomConnection } from './zoom/connection.js';

/** The demo account while it is in use: a simulated Zoom with its own event subscription. */
export interface DemoAccount {
  zoom: ZoomConfig;
  websocket: WebSocketConfig;
  stop(): Promise<void>;
}

export interface AccountRunnerOptions {
  engine: SyncEngine;
  scheduler: SyncScheduler;
  events: LiveEvents;
  connection: ZoomConnection;
  /** Where Zoom is, for credentials given on the setup screen. */
  endpoints: { apiBaseUrl: string; oauthUrl: string };
  /** The configured WebSocket subscription (the demo account brings its own). */
  websocket: WebSocketConfig | null;
  /** Team mode: the catalog is shared and only the lease holder reads Zoom. */
  team: boolean;
  startDemo: () => Promise<DemoAccount>;
  /** Every call to an account's Zoom passes its budget. */
  budgets: CallBudgets;
  log: (line: string) => void;
}

export function tokenProvider(zoom: ZoomConfig): TokenProvider {
  return zoom.auth.kind === 'static' ? new StaticToken(zoom.auth.token) : new S2SOAuth({ oauthUrl: zoom.oauthUrl, ...zoom.auth });
}

const keyOf = (choice: AccountChoice) => (choice.kind === 's2s' ? choice.accountId : choice.kind);

export class AccountRunner {
  private current: AccountChoice | null = null;
  private accountKey: string | null = null;
  private demo: DemoAccount | null = null;
  /** Alone, an instance always leads; in team mode, once the lease says so. */
  private leader: boolean;
  private syncing = false;

  constructor(private readonly opts: AccountRunnerOptions) {
    this.leader = !opts.team;
  }

  /** The account the service starts with (from setup): set up, not yet read (start() reads). */
  async begin(choice: AccountChoice | null, savedKey: string | null): Promise<void> {
    if (choice) await this.connect(choice);
    this.accountKey ??= savedKey;
  }

  /** Reads Zoom if it is due: set up and (team mode) the lease holder. */
  start(): Promise<void> {
    return this.syncIfDue();
  }

  /** Another account from the setup screen: the old one's polling and events stop before the new one's start. */
  async switchTo(choice: AccountChoice): Promise<void> {
    const { engine, scheduler, events } = this.opts;
    this.syncing = false;
    scheduler.stop();
    await events.stopSocket();
    if (keyOf(choice) !== this.accountKey) {
      // A shared database belongs to the team's account: one desktop switching must not empty it.
      if (this.opts.team) this.opts.log('team: this instance now reads another Zoom account; the shared catalog is left as it is.');
      else await engine.resetAccount();
    }
    await this.connect(choice);
    engine.board.announce(); // the dashboard leaves the setup screen now, not after the first round
    await this.syncIfDue();
  }

  /** Team mode: the lease keeper's word. */
  setLeader(leader: boolean): Promise<void> {
    this.leader = leader;
    return this.syncIfDue();
  }

  async stop(): Promise<void> {
    await this.demo?.stop();
    this.demo = null;
  }

  private async connect(choice: AccountChoice): Promise<void> {
    this.current = choice;
    this.accountKey = keyOf(choice);
    let zoom: ZoomConfig;
    if (choice.kind === 'demo') {
      this.demo ??= await this.opts.startDemo();
      zoom = this.demo.zoom;
    } else {
      await this.stop();
      zoom = { ...this.opts.endpoints, auth: choice };
    }
    this.opts.connection.use(new ZoomClient({ apiBaseUrl: zoom.apiBaseUrl, auth: tokenProvider(zoom), budget: this.opts.budgets.for(this.accountKey) }));
  }

  private async syncIfDue(): Promise<void> {
    const { engine, scheduler, events, connection } = this.opts;
    const due = connection.configured && this.leader;
    if (due === this.syncing) return;
    this.syncing = due;
    if (due) {
      void scheduler.start();
      await events.start(this.current?.kind === 'demo' && this.demo ? this.demo.websocket : this.opts.websocket);
    } else {
      scheduler.stop();
      await events.stopSocket();
      engine.board.setEventMode(null, false);
    }
  }
}
