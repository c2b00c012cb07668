// Team mode's lease in MongoDB: one document { _id: 'sync', holder, expiresAt, checkedAt }. Taken or renewed
// by one update pipeline whose condition reads the server's clock ($$NOW, MongoDB 4.2+), so a laptop whose
// clock is minutes off neither takes a live lease nor holds a dead one. The write needs a majority: a renewal
// a primary acknowledged alone could be rolled back after a failover, leaving two leaders. What another
// holder has is read back from the primary with read concern majority, as time left by the server's clock.
import type { Db } from 'mongodb';

export interface LeaseDoc {
  _id: string;
  holder: string;
  /** By the server's clock. */
  expiresAt: Date;
  /** The server's time at the last attempt, by anyone: expiresAt − checkedAt is the time left. */
  checkedAt: Date;
}

export type LeaseAnswer = { kind: 'held' } | { kind: 'taken'; holder: string; expiresAt: number };

export const LEASE_WRITE = { writeConcern: { w: 'majority' as const, wtimeoutMS: 5_000 } };
export const LEASE_READ = { readPreference: 'primary' as const, readConcern: { level: 'majority' as const } };

/** The update pipeline: ours if we hold it or it lapsed by the server's clock, else unchanged. Pure. */
export function leasePipeline(holder: string, ttlMs: number): object[] {
  const ours = { $or: [{ $eq: ['$holder', holder] }, { $lte: [{ $ifNull: ['$expiresAt', new Date(0)] }, '$$NOW'] }] };
  return [
    {
      $set: {
        holder: { $cond: [ours, holder, '$holder'] },
        expiresAt: { $cond: [ours, { $add: ['$$NOW', ttlMs] }, '$expiresAt'] },
        checkedAt: '$$NOW',
      },
    },
  ];
}

/** One attempt, at `startedAt` by our clock: another's expiry comes back in our clock's terms (time left by
 * the server's clock, from when we asked: never later than it really is). */
export async function tryLease(db: Db, holder: string, ttlMs: number, startedAt: number): Promise<LeaseAnswer> {
  const col = db.collection<LeaseDoc>('zs_lease');
  const doc = await col.findOneAndUpdate({ _id: 'sync' }, leasePipeline(holder, ttlMs), { upsert: true, returnDocument: 'after', ...LEASE_WRITE });
  const current = doc ?? (await col.findOne({ _id: 'sync' }, LEASE_READ));
  if (current?.holder === holder) return { kind: 'held' };
  const left = current ? current.expiresAt.getTime() - current.checkedAt.getTime() : 0;
  return { kind: 'taken', holder: current?.holder ?? 'unknown', expiresAt: startedAt + Math.max(0, left) };
}
