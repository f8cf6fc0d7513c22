// Writes a file from chunks of text, waiting when the stream's buffer is full, so output
// longer than one string may be (a large account's JSON report) never has to be one.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } catch (e) {
    stream.destroy();
    throw e;
  }
}
