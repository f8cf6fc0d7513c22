// An export is one snapshot: rows written by another connection while the export is under way
// (after it has begun reading) are not in it, on either backend, and nothing is half in.
import { afterAll, describe, expect, it } from 'vitest';
import { makeUser } from '../conformance/harness.js';
import { openStore } from '../open-store.js';
import { openBackupStore } from './backup-location.js';
import { ACCOUNT, fillStore, KEY, postgresPlace, sqlitePlace, type Place } from './backup-test-support.case.js';
import { exportStore } from './export-store.js';

const places: Place[] = [];
afterAll(async () => {
  for (const p of places) await p.drop();
});

describe.each([
  ['sqlite', sqlitePlace],
  ['postgres', postgresPlace],
] as const)('export from %s', (_kind, make) => {
  it('leaves out what is written while it runs', async () => {
    const place = make();
    places.push(place);
    await fillStore(place.config);
    const writer = await openStore(place.config);
    const source = openBackupStore(place.config, { mustExist: true });
    const lines: string[] = [];
    let wrote = false;
    try {
      await exportStore(
        source,
        {
          async write(line) {
            lines.push(line);
            // Once the accounts table is out, another connection adds a user and a group member.
            if (!wrote && line.startsWith('{"end":"accounts"')) {
              wrote = true;
              await writer.write(async (tx) => {
                await tx.users.insert(makeUser(ACCOUNT, 'late'));
                await tx.groups.members.addUser(ACCOUNT, 'admins', 'late');
              });
            }
          },
        },
        { secrets: KEY, pageSize: 1 },
      );
    } finally {
      await source.close();
    }
    expect(wrote).toBe(true);
    expect(await writer.read((tx) => tx.users.get(ACCOUNT, 'late'))).toBeDefined();
    await writer.close();
    const text = lines.join('\n');
    expect(text).toContain('"alice"');
    expect(text).not.toContain('"late"');
    expect(lines).toContain('{"end":"users","rows":3}');
    expect(lines).toContain('{"end":"group_members","rows":1}');
  });
});
