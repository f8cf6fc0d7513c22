// The baseline for `npm run bench:server`: a bare node:http server in its own process that
// reads each request's body and answers a fixed XML body shaped like IAM's GetUser or
// ListUsers answer (the latter with 100 users, as Keyward returns). It does no routing,
// signature checking, authorization or store work: what it serves per CPU second is what
// any Node.js server could at most, and Keyward's throughput is reported as a fraction of it.

import { spawn } from 'node:child_process';
import { trackChild, waitForReady, type Target } from './server-process.js';

function userXml(i: number): string {
  return `<member><Path>/</Path><UserName>bench-user-${String(i).padStart(5, '0')}</UserName><UserId>AIDABENCH${String(i).padStart(12, '0')}</UserId><Arn>arn:aws:iam::123456789012:user/bench-user-${String(i).padStart(5, '0')}</Arn><CreateDate>2026-12-07T16:20:00Z</CreateDate></member>`;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const REQUEST_ID = '<ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>';
export const BARE_GET_USER = `<GetUserResponse xmlns="${NS}"><GetUserResult><User><Path>/</Path><UserName>bench-user-00500</UserName><UserId>AIDABENCH000000000500</UserId><Arn>arn:aws:iam::123456789012:user/bench-user-00500</Arn><CreateDate>2026-12-07T16:20:00Z</CreateDate></User></GetUserResult>${REQUEST_ID}</GetUserResponse>`;
export const BARE_LIST_USERS = `<ListUsersResponse xmlns="${NS}"><ListUsersResult><IsTruncated>true</IsTruncated><Marker>bench-user-00100</Marker><Users>${Array.from({ length: 100 }, (_, i) => userXml(i)).join('')}</Users></ListUsersResult>${REQUEST_ID}</ListUsersResponse>`;

const SCRIPT = `
const http = require('node:http');
const [getUser, listUsers] = JSON.parse(process.env.BARE_BODIES);
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('latin1').includes('Action=ListUsers') ? listUsers : getUser;
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': '01234567-89ab-cdef-0123-456789abcdef' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log('bare on http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export async function startBare(): Promise<Target> {
  const child = spawn(process.execPath, ['-e', SCRIPT], {
    env: { ...process.env, BARE_BODIES: JSON.stringify([BARE_GET_USER, BARE_LIST_USERS]) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const target = trackChild('bare node:http', child, 'http://127.0.0.1:0');
  const url = await waitForReady(child, /on (http:\/\/[^\s]+)/, 10_000);
  return { ...target, url, host: new URL(url).host };
}
