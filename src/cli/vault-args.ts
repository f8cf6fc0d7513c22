// The options of `keyward vault` subcommands: `--name value`, `--name=value` and flags, up to
// `--` or, for exec, the first word after the profile (the program and its own arguments).

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string>;
  readonly flags: Set<string>;
  /** exec's program and its arguments. */
  readonly rest: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ArgSpec {
  readonly options?: readonly string[];
  readonly flags?: readonly string[];
  /** After this many positionals, everything left is the program to run. */
  readonly restAfter?: number;
}

export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') return { positional, options, flags, rest: args.slice(i + 1) };
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (spec.flags?.includes(name) === true) {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        flags.add(name);
        continue;
      }
      if (spec.options?.includes(name) !== true) throw new UsageError(`unknown option --${name}`);
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
      continue;
    }
    if (spec.restAfter !== undefined && positional.length === spec.restAfter) return { positional, options, flags, rest: args.slice(i) };
    positional.push(arg);
  }
  return { positional, options, flags, rest: [] };
}
