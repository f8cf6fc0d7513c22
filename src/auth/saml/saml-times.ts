// The time checks on an Assertion: IssueInstant (AWS redeems a response only within five
// minutes of issuance), Conditions NotBefore/NotOnOrAfter, and the one SubjectConfirmationData's
// NotOnOrAfter, with a tolerance for the IdP's clock on the window edges.
import type { SamlAssertionData } from './saml-assertion.js';
import { samlFailures, type SamlFailure } from './saml-failure.js';

/** AWS: "Token must be redeemed within 5 minutes of issuance". */
export const SAML_REDEEM_WINDOW_SECONDS = 300;

// xs:dateTime with a zone: one without would be read in the server's local time.
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** A SAML instant (`2013-11-05T02:06:42.876Z`); undefined when absent or not a zoned dateTime. */
export function parseSamlInstant(value: string | undefined): Date | undefined {
  const match = value === undefined ? null : INSTANT.exec(value);
  if (match === null) return undefined;
  // Date parses at most millisecond precision; IdPs may send more digits.
  const fraction = match[2] === undefined ? '' : `.${match[2].slice(0, 3).padEnd(3, '0')}`;
  const date = new Date(`${match[1] ?? ''}${fraction}${match[3] ?? ''}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

type Instants = { readonly [name: string]: string | undefined };

/** Parses every present instant; names the first one that is malformed. */
function parseAll(instants: Instants): Map<string, Date> | string {
  const parsed = new Map<string, Date>();
  for (const [name, value] of Object.entries(instants)) {
    if (value === undefined) continue;
    const date = parseSamlInstant(value);
    if (date === undefined) return name;
    parsed.set(name, date);
  }
  return parsed;
}

export function checkSamlTimes(data: SamlAssertionData, now: Date, clockSkewSeconds: number): SamlFailure | undefined {
  if (data.issueInstant === undefined) return samlFailures.malformed('the Assertion has no IssueInstant');
  // AWS: "There must be exactly one SubjectConfirmation element ... that includes both the NotOnOrAfter attribute and a Recipient attribute."
  const confirmation = data.subjectConfirmations.length === 1 ? data.subjectConfirmations[0] : undefined;
  if (confirmation === undefined) return samlFailures.malformed('the Subject must have exactly one SubjectConfirmation');
  if (confirmation.notOnOrAfter === undefined) return samlFailures.malformed('the SubjectConfirmationData has no NotOnOrAfter');
  const times = parseAll({
    IssueInstant: data.issueInstant,
    'Conditions NotBefore': data.conditions?.notBefore,
    'Conditions NotOnOrAfter': data.conditions?.notOnOrAfter,
    'SubjectConfirmationData NotBefore': confirmation.notBefore,
    'SubjectConfirmationData NotOnOrAfter': confirmation.notOnOrAfter,
  });
  if (typeof times === 'string') return samlFailures.malformed(`${times} is not a dateTime with a time zone`);

  const nowMs = now.getTime();
  const skewMs = clockSkewSeconds * 1000;
  for (const name of ['IssueInstant', 'Conditions NotBefore', 'SubjectConfirmationData NotBefore']) {
    const time = times.get(name);
    if (time !== undefined && time.getTime() > nowMs + skewMs) return samlFailures.notYetValid(`${name} is in the future`);
  }
  for (const name of ['Conditions NotOnOrAfter', 'SubjectConfirmationData NotOnOrAfter']) {
    const time = times.get(name);
    if (time !== undefined && time.getTime() <= nowMs - skewMs) return samlFailures.expired(`${name} has passed`);
  }
  const issued = times.get('IssueInstant');
  if (issued !== undefined && nowMs - issued.getTime() > SAML_REDEEM_WINDOW_SECONDS * 1000) return samlFailures.tooOld();
  return undefined;
}

/**
 * Until when an assertion that passed checkSamlTimes could be accepted again: its earliest
 * NotOnOrAfter or the end of the redeem window, plus the clock skew. A replay guard must
 * remember its ID that long (SAML 2.0 profiles, 4.1.4.5).
 */
export function samlUsableUntil(data: SamlAssertionData, clockSkewSeconds: number): Date {
  const confirmation = data.subjectConfirmations[0];
  const issued = parseSamlInstant(data.issueInstant);
  const ends = [
    parseSamlInstant(data.conditions?.notOnOrAfter),
    parseSamlInstant(confirmation?.notOnOrAfter),
    issued === undefined ? undefined : new Date(issued.getTime() + SAML_REDEEM_WINDOW_SECONDS * 1000),
  ].filter((d): d is Date => d !== undefined);
  const end = Math.min(...ends.map((d) => d.getTime()));
  return new Date(end + clockSkewSeconds * 1000);
}
