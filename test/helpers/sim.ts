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
  const sim = new ZoomSimulator(opts.sim);
  await sim.start();
  const auth = new S2SOAuth({
    oauthUrl: sim.oauthUrl,
    accountId: sim.accountId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    now: opts.now,
  });
  const waits: number[] = [];
  const client = new ZoomClient({
    apiBaseUrl: sim.apiBaseUrl,
    auth,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...opts.client,
  });
  return { sim, client, auth, waits, stop: () => sim.stop() };
}
