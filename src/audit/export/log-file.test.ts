// Exported trail files look like CloudTrail's own: name, folder, content.

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeLogFile, logFileName, logFilePath, sliceRecords } from './log-file.js';

describe('CloudTrail log files', () => {
  it('are named and foldered as AWS documents (111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz)', () => {
    const at = new Date(Date.UTC(2015, 7, 1, 2, 10));
    expect(logFileName('111122223333', 'us-east-2', at, 'Mu0KsOhtH1ar15ZZ')).toBe('111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz');
    expect(logFilePath('111122223333', 'us-east-2', at, 'Mu0KsOhtH1ar15ZZ')).toBe(
      'AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz',
    );
    expect(() => logFileName('1', 'r', at, 'short')).toThrow(RangeError);
  });

  it('hold {"Records": [...]} with each record as stored', () => {
    const texts = ['{"eventName":"CreateUser","n":1.50}', '{"eventName":"DeleteUser"}'];
    const parsed = JSON.parse(gunzipSync(encodeLogFile(texts)).toString('utf8')) as { Records: unknown[] };
    expect(parsed.Records).toEqual([{ eventName: 'CreateUser', n: 1.5 }, { eventName: 'DeleteUser' }]);
    expect(gunzipSync(encodeLogFile(texts)).toString('utf8')).toContain('"n":1.50');
  });

  it('slice by region and time, each file delivered after its records', () => {
    const t = Date.UTC(2026, 0, 1, 10, 0);
    const slices = sliceRecords(
      [
        { time: t + 1_000, region: 'us-east-1', text: 'a' },
        { time: t + 299_000, region: 'us-east-1', text: 'b' },
        { time: t + 301_000, region: 'us-east-1', text: 'c' },
        { time: t + 2_000, region: 'eu-west-1', text: 'd' },
      ],
      5,
    );
    expect(slices).toEqual([
      { region: 'us-east-1', deliveredAt: new Date(t + 300_000), records: ['a', 'b'] },
      { region: 'us-east-1', deliveredAt: new Date(t + 600_000), records: ['c'] },
      { region: 'eu-west-1', deliveredAt: new Date(t + 300_000), records: ['d'] },
    ]);
  });
});
