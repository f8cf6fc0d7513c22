// keyward/testing: run Keyward inside a test suite (see docs/testing-your-code.md).

export type { KeywardClientConfig, KeywardCredentials, StartKeywardOptions, TestingKeyward } from './start-keyward.js';
export { startKeyward, TEST_ACCOUNT_ID, TEST_ROOT_CREDENTIALS } from './start-keyward.js';
