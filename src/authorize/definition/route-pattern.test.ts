import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRoute, matchRoutePath, routeCaptures, routeResource } from './route-pattern.js';

const routes = [
  { Method: 'GET', Path: '/notes/{Owner}', Action: 'ListNotes', Resource: 'arn:aws:notes::${Account}:note/{Owner}' },
  { Method: 'GET', Path: '/notes/{Owner}/{NoteId}', Action: 'GetNote', Resource: 'arn:aws:notes::${Account}:note/{Owner}/{NoteId}' },
  { Method: '*', Path: '/files/{Key+}', Action: 'GetFile', Resource: 'arn:aws:notes:::file/{Key}' },
];

describe('route patterns', () => {
  it('captures names and rejects malformed paths', () => {
    expect(routeCaptures('/notes/{Owner}/{NoteId}')).toEqual(['Owner', 'NoteId']);
    expect(routeCaptures('notes')).toBe('must start with "/"');
    expect(routeCaptures('/a/{Key+}/b')).toBe('{Key+} must be the last segment');
    expect(routeCaptures('/a/x{Key}')).toMatch(/must be literal/);
    expect(routeCaptures('/a/{K}/{K}')).toBe('{K} is captured twice');
  });

  it('matches method and path, decoding captures, and fills the resource', () => {
    const m = matchRoute(routes, 'get', '/notes/alice/n%201');
    expect(m?.route.Action).toBe('GetNote');
    expect(m?.captures).toEqual({ Owner: 'alice', NoteId: 'n 1' });
    expect(m && routeResource(m, '123456789012')).toBe('arn:aws:notes::123456789012:note/alice/n 1');
    expect(matchRoute(routes, 'PUT', '/notes/alice/1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/notes/alice/1/extra')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/notes//1')).toBeUndefined();
    const rest = matchRoute(routes, 'DELETE', '/files/a/b/c.txt');
    expect(rest && routeResource(rest, '1')).toBe('arn:aws:notes:::file/a/b/c.txt');
  });

  it('a literal route matches exactly itself (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.array(segment, { minLength: 1, maxLength: 5 }), (a, b) => {
        const pa = `/${a.join('/')}`;
        const pb = `/${b.join('/')}`;
        expect(matchRoutePath(pa, pa)).toEqual({});
        expect(matchRoutePath(pa, pb) !== undefined).toBe(pa === pb);
      }),
    );
  });

  it('captures round-trip any encoded segment value (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !s.includes('/')), (value) => {
        expect(matchRoutePath('/x/{V}', `/x/${encodeURIComponent(value)}`)).toEqual({ V: value });
      }),
    );
  });
});
