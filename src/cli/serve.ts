// `keyward serve`: run the IAM and STS endpoint until SIGTERM or SIGINT.

import { parseServeArgs, SERVE_HELP } from '../config/config.js';
import { startServer } from '../server/start-server.js';
import type { CliIo } from './io.js';

export async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  const config = parseServeArgs(args, process.env);
  if ('help' in config) {
    io.out(SERVE_HELP);
    return 0;
  }
  const server = await startServer(config);
  const created = server.bootstrap.createdRootKey;
  io.out(`keyward: IAM and STS on ${server.url} (account ${server.accountId})`);
  if (created !== undefined) {
    io.out('keyward: root access key created; it is shown only this once:');
    io.out(`  AWS_ACCESS_KEY_ID=${created.accessKeyId}`);
    io.out(`  AWS_SECRET_ACCESS_KEY=${created.secretAccessKey}`);
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void server.stop().then(resolve, resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  io.out('keyward: stopped');
  return 0;
}
