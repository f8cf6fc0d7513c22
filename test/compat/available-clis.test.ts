// The CLI list the walkthroughs run with: v2 is required under CI=true, optional elsewhere.
import { describe, expect, it } from 'vitest';
import { availableClis, V2_BIN } from './available-clis.js';

describe('availableClis', () => {
  it('runs with both CLIs when /usr/bin/aws is v2', () => {
    const clis = availableClis({ ci: true, v2Version: 'aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12' });
    expect(clis.map((c) => c.bin)).toEqual(['aws', V2_BIN]);
  });

  it('fails under CI=true when v2 is missing or is not v2', () => {
    expect(() => availableClis({ ci: true, v2Version: undefined })).toThrow(/CI=true and \/usr\/bin\/aws is not installed/);
    expect(() => availableClis({ ci: true, v2Version: 'aws-cli/1.45.11 Python/3.11.7' })).toThrow(/is not aws CLI v2: aws-cli\/1\.45\.11/);
  });

  it('leaves the v2 runs out outside CI', () => {
    expect(availableClis({ ci: false, v2Version: undefined }).map((c) => c.bin)).toEqual(['aws']);
  });
});
