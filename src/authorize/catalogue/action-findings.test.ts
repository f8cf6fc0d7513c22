import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { fakeIo } from '../../cli/fake-io.case.js';
import { useDefinedServices } from './service-catalogue.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/notes-service/', import.meta.url));
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['notes:Get*', 'notes:Fooo', 's3:GetObject'], Resource: '*' },
    { Effect: 'Deny', NotAction: 's3:GetObjekt', Resource: '*' },
  ],
});

afterEach(() => useDefinedServices(undefined));

describe('keyward lint --services', () => {
  it("reports actions no service has, AWS's or the defined ones, with their paths", async () => {
    const io = fakeIo({ 'p.json': POLICY });
    expect(await main(['lint', '--services', EXAMPLES, '--json', 'p.json'], io)).toBe(1);
    const [report] = JSON.parse(io.stdout.join('\n')) as { problems: { path: string; message: string }[] }[];
    expect(report?.problems).toEqual([
      { path: 'Statement[0].Action[1]', message: 'notes:Fooo matches no action of service notes' },
      { path: 'Statement[1].NotAction', message: 's3:GetObjekt matches no action of service s3' },
    ]);
  });

  it('without --services the policy is only parsed, as before', async () => {
    const io = fakeIo({ 'p.json': POLICY });
    expect(await main(['lint', 'p.json'], io)).toBe(0);
  });
});
