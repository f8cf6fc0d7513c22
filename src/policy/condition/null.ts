// The Null operator: "true" matches when the key is absent from the request,
// "false" when it is present. An empty list counts as absent (AWS: a key whose
// value is an empty data set is null); an empty string is a present value.

import type { ContextValue } from '../context.js';
import { quote, type BadValue } from './operand.js';

export interface CompiledNull {
  test(value: ContextValue | undefined): boolean;
  readonly badValues: readonly BadValue[];
}

export function compileNull(values: readonly string[]): CompiledNull {
  let whenAbsent = false;
  let whenPresent = false;
  const badValues: BadValue[] = [];
  values.forEach((value, index) => {
    const lower = value.toLowerCase();
    if (lower === 'true') whenAbsent = true;
    else if (lower === 'false') whenPresent = true;
    else badValues.push({ index, message: `${quote(value)} is not "true" or "false"` });
  });
  return {
    badValues,
    test(value) {
      const absent = value === undefined || (typeof value !== 'string' && value.length === 0);
      return absent ? whenAbsent : whenPresent;
    },
  };
}
