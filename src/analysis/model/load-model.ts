// From parsed JSON files to the account model: validate each file, then build. Every
// problem of every file is reported together.

import type { AuthorizationDetails, InputProblem } from '../input/details-types.js';
import { readDetails } from '../input/read-details.js';
import { buildModel, type BuildModelOptions, type BuildModelResult } from './build-model.js';

export interface JsonInput {
  /** A file name, for messages. */
  readonly source: string;
  readonly json: unknown;
}

export function loadModel(files: readonly JsonInput[], options: BuildModelOptions = {}): BuildModelResult {
  const details: AuthorizationDetails[] = [];
  const problems: InputProblem[] = [];
  for (const f of files) {
    const read = readDetails(f.source, f.json);
    if (read.ok) details.push(read.details);
    else problems.push(...read.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return buildModel(details, options);
}
