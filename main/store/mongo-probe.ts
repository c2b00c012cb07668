// A read-only look at the MongoDB server for the doctor: reachable, its version, replica set or not
// (change streams or 2 s reads), and who holds the sync lease. Writes nothing, imports nothing.
import { MongoClient, MongoServerError, type Db, type Document } from 'mongodb';
import { mongoFailure } from './mongo-errors.js';

/** CommandNotFound: MongoDB 4.4.0 and 4.4.1 (and several compatible servers) have no `hello`. */
const COMMAND_NOT_FOUND = 59;

/** `hello`, or the older `isMaster` where the server has no `hello`. */
export async function helloOf(admin: Db): Promise<Document> {
  try {
    return await admin.command({ hello: 1 });
  } catch (e) {
    if (!(e instanceof MongoServerError && e.code === COMMAND_NOT_FOUND)) throw e;
    return admin.command({ isMaster: 1 });
  }
}

export type MongoProbe =
  | { ok: true; version: string; replicaSet: string | null; leaseHolder: string | null }
  | { ok: false; why: string };

export async function probeMongo(cfg: { uri: string; dbName: string; shown: string }, timeoutMs = 5_000): Promise<MongoProbe> {
  let client: MongoClient | null = null;
  try {
    client = new MongoClient(cfg.uri, { appName: 'zoom-sessions doctor', serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
    await client.connect();
    const admin = client.db('admin');
    const [info, hello] = await Promise.all([admin.command({ buildInfo: 1 }), helloOf(admin)]);
    const lease = await client.db(cfg.dbName).collection<{ _id: string; holder: string; expiresAt: Date }>('zs_lease').findOne({ _id: 'sync' });
    const live = lease && lease.expiresAt > new Date() ? lease.holder : null;
    return { ok: true, version: String(info.version), replicaSet: typeof hello.setName === 'string' ? hello.setName : null, leaseHolder: live };
  } catch (e) {
    return { ok: false, why: mongoFailure(e, cfg).message };
  } finally {
    await client?.close().catch(() => undefined);
  }
}
