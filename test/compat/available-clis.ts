// Which aws CLIs the compatibility walkthroughs run with: `aws` on PATH (v1 on these machines)
// and aws CLI v2 at /usr/bin/aws (Debian's awscli, which .ci/run installs). Under CI=true a
// missing v2 fails the suite; elsewhere it is reported once and its runs are left out.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AwsCli } from './aws-cli.js';

export const V2_BIN = '/usr/bin/aws';

export interface CliProbe {
  /** CI=true: every CLI must be there. */
  readonly ci: boolean;
  /** What `/usr/bin/aws --version` printed, or undefined when it is not installed. */
  readonly v2Version: string | undefined;
}

function probeMachine(): CliProbe {
  let v2Version: string | undefined;
  if (existsSync(V2_BIN)) {
    try {
      v2Version = execFileSync(V2_BIN, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (error) {
      v2Version = `(${V2_BIN} --version failed: ${(error as Error).message})`;
    }
  }
  return { ci: process.env.CI === 'true', v2Version };
}

let reported = false;

export function availableClis(probe: CliProbe = probeMachine()): AwsCli[] {
  const clis: AwsCli[] = [{ label: 'aws (PATH)', bin: 'aws' }];
  if (probe.v2Version?.startsWith('aws-cli/2.') === true) {
    clis.push({ label: 'aws v2 (/usr/bin/aws)', bin: V2_BIN });
    return clis;
  }
  const why = probe.v2Version === undefined ? `${V2_BIN} is not installed` : `${V2_BIN} is not aws CLI v2: ${probe.v2Version}`;
  if (probe.ci) throw new Error(`CI=true and ${why}: the compatibility suite must run with aws CLI v2 (.ci/run installs Debian's awscli)`);
  if (!reported) {
    reported = true;
    process.stderr.write(`compat: ${why}; the aws CLI v2 walkthroughs are skipped here (under CI=true this is a failure)\n`);
  }
  return clis;
}
