// Runs the notes service against a Keyward endpoint:
//   keyward serve --services examples/notes-service &
//   KEYWARD_ENDPOINT=http://127.0.0.1:4566 NOTES_ACCESS_KEY_ID=... NOTES_SECRET_ACCESS_KEY=... \
//   KEYWARD_ACCOUNT_ID=123456789012 npx tsx examples/notes-service/main.ts
// then, with a user allowed notes:GetNote / notes:PutNote:
//   aws --endpoint-url http://127.0.0.1:8080 ... (or any SigV4 signer with service name "notes")

import { readFileSync } from 'node:fs';
import { parseDefinitionText } from '../../src/authorize/index.js';
import { startNotesService } from './notes-service.js';

const parsed = parseDefinitionText(readFileSync(new URL('./notes.service.json', import.meta.url), 'utf8'), { reserved: new Set() });
if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};
const service = await startNotesService({
  keyward: process.env.KEYWARD_ENDPOINT ?? 'http://127.0.0.1:4566',
  credentials: { accessKeyId: env('NOTES_ACCESS_KEY_ID'), secretAccessKey: env('NOTES_SECRET_ACCESS_KEY') },
  definition: parsed.definition,
  accountId: env('KEYWARD_ACCOUNT_ID'),
  port: Number(process.env.PORT ?? 8080),
});
process.stdout.write(`notes service on ${service.url}\n`);
