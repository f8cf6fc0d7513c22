// The one error type of the vault: a message for the user (never a secret), printed by the CLI as is.

export class VaultError extends Error {
  override readonly name = 'VaultError';
}
