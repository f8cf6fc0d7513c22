// The package's main entry: run a Keyward server inside a Node process. The policy engine
// alone is `keyward/policy`; a throw-away server for test suites is `keyward/testing`.

export { startServer } from './server/start-server.js';
export type { RunningServer } from './server/start-server.js';
export type { ServerConfig } from './config/config.js';
