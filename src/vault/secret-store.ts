// The port every vault backend implements: named text items, each call atomic on its own.
// Items are JSON written by vault-records.ts; a backend never interprets them.

export interface SecretStore {
  /** 'file' (encrypted file) or 'keystore' (the OS keystore). */
  readonly kind: 'file' | 'keystore';
  /** Where the items live, for `list` (a path or a keystore service name); never a secret. */
  readonly location: string;
  keys(): Promise<string[]>;
  /** The item, or undefined when there is none. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Several changes in one step (one write for the file backend); `undefined` deletes. */
  update(changes: ReadonlyMap<string, string | undefined>): Promise<void>;
  /** True when the item existed. */
  delete(key: string): Promise<boolean>;
}
