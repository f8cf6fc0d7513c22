// The header's masterKeyCheck: a fixed label sealed under a key derived (HKDF) from the master
// key. Only the same master key opens it, so an import can tell, before writing anything,
// whether the dump's sealed secrets will open on the target; the value reveals nothing of the key.
import type { SecretBox } from '../../auth/secret-box.js';

const PURPOSE = 'keyward export master key check';
const LABEL = 'keyward-export';

export function masterKeyCheck(secrets: SecretBox): string {
  return secrets.derive(PURPOSE).seal(LABEL, PURPOSE);
}

export function matchesMasterKey(secrets: SecretBox, check: string): boolean {
  try {
    return secrets.derive(PURPOSE).open(check, PURPOSE) === LABEL;
  } catch {
    return false;
  }
}
