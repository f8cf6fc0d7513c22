// Where real AWS responses order elements differently from the model's member
// order. Only orders observed on the wire belong here; every other structure
// follows the model.

export const ELEMENT_ORDER: ReadonlyMap<string, readonly string[]> = new Map([
  // STS GetCallerIdentity answers Arn, UserId, Account (model: UserId, Account, Arn).
  ['GetCallerIdentityResponse', ['Arn', 'UserId', 'Account']],
  // STS AssumeRole answers AssumedRoleUser before Credentials.
  ['AssumeRoleResponse', ['AssumedRoleUser', 'Credentials']],
]);

/** The member names of a structure in wire order: the observed order first, then the model's. */
export function orderedMembers(shapeName: string, modelOrder: readonly string[]): readonly string[] {
  const observed = ELEMENT_ORDER.get(shapeName);
  if (observed === undefined) return modelOrder;
  return [...observed.filter((m) => modelOrder.includes(m)), ...modelOrder.filter((m) => !observed.includes(m))];
}
