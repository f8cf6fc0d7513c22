// Deletion task ids: only ids this server issued, for this account and role, verify.
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../auth/secret-box.js';
import { newDeletionTaskId, parseDeletionTaskId, verifyDeletionTaskId } from './deletion-tasks.js';

const box = new SecretBox(new Uint8Array(32).fill(7));
const task = { service: 'lex.amazonaws.com', roleName: 'AWSServiceRoleForLexBots' };

describe('deletion task ids', () => {
  it('has the documented shape and verifies for the issuing account', () => {
    const id = newDeletionTaskId(box, '111122223333', task);
    expect(id).toMatch(/^task\/aws-service-role\/lex\.amazonaws\.com\/AWSServiceRoleForLexBots\/[A-Za-z0-9_-]{38}$/);
    expect(parseDeletionTaskId(id)).toMatchObject(task);
    expect(verifyDeletionTaskId(box, '111122223333', id)).toEqual(task);
  });

  it('refuses another account, another role, another key and a changed token', () => {
    const id = newDeletionTaskId(box, '111122223333', task);
    expect(verifyDeletionTaskId(box, '444455556666', id)).toBeUndefined();
    expect(verifyDeletionTaskId(box, '111122223333', id.replace('LexBots/', 'LexBotz/'))).toBeUndefined();
    expect(verifyDeletionTaskId(new SecretBox(new Uint8Array(32).fill(8)), '111122223333', id)).toBeUndefined();
    const token = id.slice(id.lastIndexOf('/') + 1);
    const flip = (c: string): string => (c === 'A' ? 'B' : 'A');
    const prefix = id.slice(0, -token.length);
    // A significant character (the IV's first) and the tag's last, whose low bits base64url leaves unused.
    expect(verifyDeletionTaskId(box, '111122223333', prefix + flip(token[0]!) + token.slice(1))).toBeUndefined();
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      const changed = prefix + token.slice(0, -1) + c;
      if (changed !== id) expect(verifyDeletionTaskId(box, '111122223333', changed)).toBeUndefined();
    }
  });

  it('parses only task/aws-service-role/<service>/<role>/<token>', () => {
    expect(parseDeletionTaskId('nonsense')).toBeUndefined();
    expect(parseDeletionTaskId('task/aws-service-role/x.amazonaws.com/Role')).toBeUndefined();
    expect(parseDeletionTaskId('task/aws-service-role//Role/t')).toBeUndefined();
    expect(verifyDeletionTaskId(box, '111122223333', 'task/aws-service-role/x.amazonaws.com/R/short')).toBeUndefined();
  });
});
