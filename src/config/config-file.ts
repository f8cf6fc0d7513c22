// Reads `keyward serve --config FILE`: TOML (smol-toml) or JSON, one flat table whose keys are
// the settings' names (settings.ts). Unknown keys and values of the wrong type are refused
// with the key and the file named, so a typo never silently falls back to a default. Relative
// paths in the file are taken from the file's directory, not the working directory.

import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { SETTING_BY_KEY } from './settings.js';

/** Each key's value as text, the shape flags and the environment also have. */
export type RawSettings = ReadonlyMap<string, string>;

export function readConfigFile(file: string): RawSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): RawSettings {
  const ext = extname(file).toLowerCase();
  let parsed: unknown;
  try {
    if (ext === '.toml') parsed = parseToml(text);
    else if (ext === '.json') parsed = JSON.parse(text);
    else throw new Error('the name must end in .toml or .json');
  } catch (error) {
    throw new Error(`config file ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`config file ${file}: expected a table of settings`);
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    const setting = SETTING_BY_KEY.get(key);
    if (setting === undefined) throw new Error(`config file ${file}: unknown key '${key}'`);
    const wrong = new Error(`config file ${file}: '${key}' must be ${describeKind(setting.kind)}`);
    let textValue: string;
    if (setting.kind === 'list') {
      if (typeof value === 'string') textValue = value;
      else if (Array.isArray(value) && value.every((v): v is string | number => typeof v === 'string' || typeof v === 'number')) textValue = value.join(',');
      else throw wrong;
    } else if (setting.kind === 'number') {
      if (typeof value === 'number' || (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER))) textValue = String(value);
      else if (typeof value === 'string') textValue = value;
      else throw wrong;
    } else {
      if (typeof value !== 'string') throw wrong;
      textValue = setting.kind === 'path' ? resolve(dirname(file), value) : value;
    }
    values.set(key, textValue);
  }
  return values;
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'list':
      return 'a list of strings or a comma-separated string';
    case 'number':
      return 'a number';
    default:
      return 'a string';
  }
}
