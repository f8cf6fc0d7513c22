// Profiles from ~/.aws/config (or AWS_CONFIG_FILE): the settings the vault follows to turn a
// stored key into temporary credentials, and the chain source_profile -> ... -> role profile.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseIni, type IniSections } from './ini.js';
import { VaultError } from './vault-error.js';

export interface Profile {
  readonly name: string;
  readonly sourceProfile?: string;
  readonly roleArn?: string;
  readonly mfaSerial?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly roleSessionName?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

export function configFilePath(env: Readonly<Record<string, string | undefined>>): string {
  return env['AWS_CONFIG_FILE'] ?? join(env['HOME'] ?? homedir(), '.aws', 'config');
}

export async function loadConfig(env: Readonly<Record<string, string | undefined>>): Promise<IniSections> {
  try {
    return parseIni(await readFile(configFilePath(env), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
}

/** The settings of `name`; a profile absent from the config is a plain one (a stored key, nothing else). */
export function profileFrom(config: IniSections, name: string): Profile {
  const section = config.get(name === 'default' ? 'default' : `profile ${name}`) ?? (name === 'default' ? undefined : config.get(name));
  const get = (key: string): string | undefined => {
    const value = section?.get(key);
    return value === undefined || value === '' ? undefined : value;
  };
  const duration = get('duration_seconds');
  let durationSeconds: number | undefined;
  if (duration !== undefined) {
    durationSeconds = Number(duration);
    if (!Number.isInteger(durationSeconds) || durationSeconds <= 0) throw new VaultError(`profile '${name}': duration_seconds '${duration}' is not a whole number of seconds`);
  }
  const pick = <K extends keyof Profile>(key: K, value: Profile[K] | undefined): Partial<Profile> => (value === undefined ? {} : { [key]: value });
  return {
    name,
    ...pick('sourceProfile', get('source_profile')),
    ...pick('roleArn', get('role_arn')),
    ...pick('mfaSerial', get('mfa_serial')),
    ...pick('externalId', get('external_id')),
    ...pick('durationSeconds', durationSeconds),
    ...pick('roleSessionName', get('role_session_name')),
    ...pick('region', get('region')),
    ...pick('endpointUrl', get('endpoint_url')),
  };
}

/**
 * The chain from the profile holding the stored key to `name`: [source, ..., name]. A role profile
 * without source_profile uses its own stored key. Loops are refused.
 */
export function profileChain(config: IniSections, name: string): Profile[] {
  const chain: Profile[] = [];
  const seen = new Set<string>();
  let current: string | undefined = name;
  while (current !== undefined) {
    if (seen.has(current)) throw new VaultError(`profile '${name}': source_profile loop through '${current}'`);
    seen.add(current);
    const profile = profileFrom(config, current);
    chain.unshift(profile);
    current = profile.sourceProfile === profile.name ? undefined : profile.sourceProfile;
  }
  return chain;
}
