// Join links and passcodes: `GET /meetings/{id}` once per meeting, paced as Light calls. A passing
// failure is tried again next round; "no such meeting" or "not yours" is final.
import { isZoomError } from '../zoom/errors.js';
import type { CallPriority } from '../zoom/call-budget.js';
import type { ZoomMeeting } from '../zoom/wire-types.js';
import type { Pacer } from './pacer.js';
import type { MeetingDetails } from './reconcile.js';
import { detailsOf } from './zoom-mapping.js';

export class DetailsFiller {
  private readonly tried = new Set<string>();
  private readonly asked = new Map<string, Promise<MeetingDetails | null>>();

  constructor(
    private readonly zoom: { getMeeting(meetingId: string, priority?: CallPriority): Promise<ZoomMeeting> },
    private readonly pacer: Pacer,
  ) {}

  /** The details of those ids not asked for yet; a passing failure, or a call no longer `going`, gives none. */
  async fetch(ids: string[], going: () => boolean = () => true): Promise<MeetingDetails[]> {
    const todo = ids.filter((id) => !this.tried.has(id));
    if (todo.length === 0) return [];
    const found = await this.pacer.map(todo, (id) => (going() ? this.one(id) : Promise.resolve(null)));
    return found.filter((d): d is MeetingDetails => d != null);
  }

  /** One meeting's details for a person waiting on them: its call goes ahead of the background's, and a
   * passing failure is thrown (the person hears why) rather than left for the next round. */
  now(id: string): Promise<MeetingDetails | null> {
    if (this.tried.has(id)) return Promise.resolve(null); // Zoom has answered for it already
    let asked = this.asked.get(id);
    if (!asked) {
      asked = this.pacer.take(true).then(() => this.one(id, true)).finally(() => this.asked.delete(id));
      this.asked.set(id, asked);
    }
    return asked;
  }

  clear(): void {
    this.tried.clear();
  }

  private async one(id: string, throwPassing = false): Promise<MeetingDetails | null> {
    try {
      // A person waiting to join never waits for the budget; the call still counts in it.
      const d = detailsOf(id, await this.zoom.getMeeting(id, throwPassing ? 'exempt' : 'background'));
      this.tried.add(id);
      return d;
    } catch (e) {
      if (isZoomError(e) && (e.kind === 'not-found' || e.kind === 'forbidden' || e.kind === 'bad-request')) {
        this.tried.add(id);
        return detailsOf(id, null);
      }
      if (throwPassing) throw e;
      return null;
    }
  }
}
