// Stands in for electron-store (which needs Electron's app object): settings kept in memory.
export default class Store<T extends Record<string, unknown>> {
  /** What a "previous run" left on disk; tests set it before the shell starts. */
  static seed: Record<string, unknown> | null = null;
  static last: Store<Record<string, unknown>> | null = null;
  store: T;
  constructor(opts: { defaults?: T } = {}) {
    this.store = structuredClone((Store.seed as T | null) ?? opts.defaults ?? ({} as T));
    Store.last = this;
  }
}
