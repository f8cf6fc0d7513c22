import { runIamSimulate } from './run-iam-simulate.js';
import { runKeyward } from './run-keyward.js';
const s = JSON.parse(process.argv[2]!);
const r = await runIamSimulate(s);
console.log('keyward', runKeyward(s).decision, 'sim', r.verdict);
console.log(JSON.stringify(r.analysis.identityAnalysis, (k, v) => (k === 'statement' ? undefined : v), 1).slice(0, 3000));
