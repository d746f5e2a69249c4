/**
 * The Session as an external store (React's `useSyncExternalStore` contract): listeners hear
 * that the committed state changed, and the snapshot is one frozen object that keeps its identity
 * until the next change, so a consumer re-renders exactly when there is something new to show.
 */

/** Listeners and a lazily built, cached snapshot; `changed()` drops the cache and tells everyone. */
export class SnapshotStore<T extends object> {
  private readonly listeners = new Set<() => void>();
  private snapshot: T | undefined;

  constructor(private readonly read: () => T) {}

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The same object until the next `changed()`. */
  getSnapshot(): T {
    this.snapshot ??= Object.freeze(this.read());
    return this.snapshot;
  }

  changed(): void {
    this.snapshot = undefined;
    // A listener that unsubscribes while being told must not skip the next one.
    for (const listener of [...this.listeners]) listener();
  }
}
