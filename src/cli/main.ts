// The `keyward` command: a thin dispatcher over the subcommands.

import { runAnalyze } from './analyze.js';
import { runAudit } from './audit.js';
import { runAlerts } from './alerts.js';
import { runExport } from './export.js';
import { runImport } from './import.js';
import { runLint } from './lint.js';
import { runQuery } from './query.js';
import { runSimulate } from './simulate.js';
import { runServe } from './serve.js';
import type { CliIo } from './io.js';

interface Command {
  readonly summary: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: { summary: 'run the IAM and STS endpoint (SQLite in ./data, or PostgreSQL)', run: runServe },
  simulate: { summary: 'decide one request against policy files and explain the decision', run: runSimulate },
  lint: { summary: 'validate policy documents with the Access Analyzer checks (text, JSON or SARIF)', run: runLint },
  analyze: { summary: 'find every privilege-escalation path in authorization details', run: runAnalyze },
  query: { summary: "ask who can do what, following escalation paths ('can ... do ...')", run: runQuery },
  export: { summary: 'write a consistent dump of the whole store to a file, while it runs', run: (args, io) => runExport(args, io) },
  import: { summary: 'load an export into a new, empty store (SQLite or PostgreSQL)', run: (args, io) => runImport(args, io) },
  vault: { summary: 'keep long-term keys encrypted; run programs with temporary credentials', run: async (args, io) => (await import('./vault.js')).runVault(args, io) },
  audit: { summary: 'verify, export (CloudTrail log files) or tail the audit trail', run: (args, io) => runAudit(args, io) },
  alerts: { summary: 'list and replay alerts that could not be delivered (dead letters)', run: (args, io) => runAlerts(args, io) },
  root: { summary: "the operator's recovery of root's console sign-in (password, e-mail, MFA)", run: async (args, io) => (await import('./root.js')).runRoot(args, io) },
};

export function usage(): string {
  const lines = ['Usage: keyward <command> [options]', '', 'Commands:'];
  for (const [name, cmd] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  lines.push('', "Run 'keyward <command> --help' for a command's options.");
  return lines.join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`keyward: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}
