// `keyward serve`: run the IAM and STS endpoint until SIGTERM or SIGINT (a graceful stop:
// requests in flight finish, last-used times are written, the store is closed); SIGHUP
// reloads the TLS certificate and key. `--print-config` prints the effective settings instead.

import { parseServeArgs, SERVE_HELP } from '../config/config.js';
import { startServer } from '../server/start-server.js';
import type { CliIo } from './io.js';

const SERVICES_HELP = '  --services DIR         load (or replace) the service definitions in DIR/*.json at start (docs/authorize.md)';

/** Takes `--services DIR` (or `--services=DIR`) out of the arguments the settings parser reads. */
function takeServicesDir(args: readonly string[]): { rest: string[]; dir?: string } {
  const rest: string[] = [];
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--services' && i + 1 < args.length) dir = args[++i];
    else if (arg.startsWith('--services=')) dir = arg.slice('--services='.length);
    else rest.push(arg);
  }
  return { rest, ...(dir !== undefined && { dir }) };
}

export async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  const services = takeServicesDir(args);
  const command = parseServeArgs(services.rest, process.env);
  if ('help' in command) {
    io.out(`${SERVE_HELP}\n${SERVICES_HELP}`);
    return 0;
  }
  if ('print' in command) {
    io.out(command.print.trimEnd());
    return 0;
  }
  const config = command;
  const server = await startServer(config, services.dir !== undefined ? { servicesDir: services.dir } : {});
  const created = server.bootstrap.createdRootKey;
  io.out(`keyward: IAM and STS on ${server.url} (account ${server.accountId})`);
  if (server.metricsUrl !== undefined) io.out(`keyward: metrics on ${server.metricsUrl}`);
  if (created !== undefined) {
    io.out('keyward: root access key created; it is shown only this once:');
    io.out(`  AWS_ACCESS_KEY_ID=${created.accessKeyId}`);
    io.out(`  AWS_SECRET_ACCESS_KEY=${created.secretAccessKey}`);
  }
  // Handled even without TLS, so a stray SIGHUP (log rotation, a closed terminal) never kills
  // the server without its graceful stop.
  const reload = (): void => {
    if (config.tls === undefined) {
      server.log.info({}, 'SIGHUP: no TLS certificate configured, nothing to reload');
      return;
    }
    server.reloadTls().then(
      () => server.log.info({ certFile: config.tls?.certFile }, 'TLS certificate and key reloaded'),
      (error: unknown) =>
        server.log.error({ err: error instanceof Error ? error.message : String(error) }, 'TLS reload failed; still serving the previous certificate'),
    );
  };
  process.on('SIGHUP', reload);
  const signal = await new Promise<string>((resolve) => {
    const stop = (name: string): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(name);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  process.off('SIGHUP', reload);
  server.log.info({ signal }, 'stopping: finishing requests in flight');
  try {
    await server.stop();
  } catch (error) {
    server.log.error({ err: error instanceof Error ? error.message : String(error) }, 'stop failed');
    return 1;
  }
  io.out('keyward: stopped');
  return 0;
}
