// Starts a Zoom simulator on loopback and a client pointed at it; tests stop both.
import { S2SOAuth } from '../../main/zoom/auth.js';
import { ZoomClient, type ZoomClientOptions } from '../../main/zoom/client.js';
import { ZoomSimulator, type SimulatorOptions } from '../../main/zoom-simulator/server.js';

export interface SimHarness {
  sim: ZoomSimulator;
  client: ZoomClient;
  auth: S2SOAuth;
  /** Waits the client asked for (its sleep is recorded, not slept). */
  waits: number[];
  stop(): Promise<void>;
}

export async function startSim(
  opts: { sim?: SimulatorOptions; client?: Partial<ZoomClientOptions>; now?: () => number } = {},
): Promise<SimHarness> {
  // The client here has no budget, and its sleep records waits without sleeping, often under a test clock that
  // moves only when told: Zoom's limits would refuse calls only the test crowds into one instant. Tests of the
  // limits pass `sim: { plan: 'business' }`; the service's own tests run with them (it has its budget).
  const sim = new ZoomSimulator({ plan: null, ...opts.sim });
  await sim.start();
  // The client's sleep is recorded, not slept; what it slept still passes for sign-in, whose shared backoff
  // after a failed token request is judged by its clock.
  const waits: number[] = [];
  let slept = 0;
  const now = opts.now ?? (() => Date.now());
  const auth = new S2SOAuth({
    oauthUrl: sim.oauthUrl,
    accountId: sim.accountId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    now: () => now() + slept,
  });
  const client = new ZoomClient({
    apiBaseUrl: sim.apiBaseUrl,
    auth,
    sleep: async (ms) => {
      waits.push(ms);
      slept += ms;
    },
    random: () => 0.5,
    ...opts.client,
  });
  return { sim, client, auth, waits, stop: () => sim.stop() };
}
