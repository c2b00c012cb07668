// What a MongoDB driver failure means for a person: an outage (the server cannot be reached, or the replica
// set is electing a primary: wait, changes are kept) or a refusal (the server answered with a code: name it
// and what to do). Only an outage is "unreachable". The URI is only ever shown in its shown form.
import { MongoError, MongoNetworkError, MongoServerError, MongoServerSelectionError, MongoWriteConcernError } from 'mongodb';
import { StoreError } from './session-store.js';

/** Codes a replica set gives while it has no primary or a node steps down or shuts down, and a write
 * concern that timed out: passing, like a lost connection (MongoDB's error_codes.yml). */
export const PASSING_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  64, // WriteConcernFailed (wtimeout: a majority did not acknowledge in time)
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** What to do about a refusal, by code; others get the server's words and code. */
const ADVICE: Record<number, string> = {
  13: 'the user in MONGODB_URI lacks a role on this database: give it readWrite (and clusterMonitor for the doctor)',
  18: 'the user name or password in MONGODB_URI is wrong',
  8000: 'Atlas refused the user: check its database access and the IP access list',
  85: 'an index of the same name exists with other options: zoom-sessions changes it itself; if this stays, drop the index named in the message',
  11000: 'a document with that key exists already',
};

/** A server error's code, when it carries one (a write concern error carries its own). */
export function codeOf(e: unknown): number | null {
  if (e instanceof MongoWriteConcernError) return typeof e.code === 'number' ? e.code : 64;
  if (e instanceof MongoServerError && typeof e.code === 'number') return e.code;
  return null;
}

/** Passing: no server reached, the connection lost, or a replica set between primaries. */
export function isPassing(e: unknown): boolean {
  if (e instanceof MongoNetworkError || e instanceof MongoServerSelectionError) return true;
  const code = codeOf(e);
  if (code != null) return PASSING_CODES.has(code) || (e as MongoError).hasErrorLabel?.('RetryableWriteError') === true;
  return !(e instanceof MongoError); // not the driver's: a socket error of our own making
}

/** A driver failure as one line for a person: "too old" when the server was reached but is older than the
 * driver's floor; "unreachable" for an outage; else the server's refusal with its code and what to do. */
export function mongoFailure(e: unknown, where: { uri: string; shown: string }): StoreError {
  if (e instanceof StoreError) return e;
  const why = ((e as Error).message?.split('\n')[0] ?? String(e)).split(where.uri).join(where.shown);
  const wire = /reports (?:maximum )?wire version (\d+)/.exec(why);
  if (wire) {
    const version = SERVER_BY_WIRE[Number(wire[1])] ?? `older than 4.4 (wire version ${wire[1]})`;
    return new StoreError('too-old', `MongoDB at ${where.shown} is version ${version}; zoom-sessions needs 4.4 or newer — see docs/migrate-from-the-original.md`);
  }
  if (isPassing(e)) return new StoreError('unavailable', `MongoDB at ${where.shown} is unreachable: ${why}`);
  const code = codeOf(e);
  const name = (e as MongoServerError).codeName ? ` ${(e as MongoServerError).codeName}` : '';
  const advice = code != null && ADVICE[code] ? `: ${ADVICE[code]}` : '';
  return new StoreError('refused', `MongoDB at ${where.shown} refused the request (code ${code ?? '?'}${name}): ${why}${advice}.`);
}

/** What a server's maxWireVersion says about its version (MongoDB's wire protocol table). */
const SERVER_BY_WIRE: Record<number, string> = { 0: '2.4', 1: '2.6', 2: '2.6', 3: '3.0', 4: '3.2', 5: '3.4', 6: '3.6', 7: '4.0', 8: '4.2' };
