// Verifies the enveloped XML signature of one element (a Response or an Assertion) against the
// provider's certificates and returns the canonical XML that was signed. Callers read from that
// XML only, never from the received document: what they read is then exactly what was signed,
// which defeats signature wrapping (a second, unsigned element the reader picks up instead).
import { SignedXml } from 'xml-crypto';
import { SAML_NS } from './saml-names.js';
import { attribute, childElements, soleChild, type XmlElement } from './xml-dom.js';

export type SignatureCheck =
  | { readonly ok: true; readonly signedXml: string }
  | { readonly ok: false; readonly reason: string };

const ALLOWED_TRANSFORMS = new Set([
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);

/** The signature must sign its own parent, by ID, with plain canonicalisation transforms. */
function checkReference(signature: XmlElement, id: string): string | undefined {
  const signedInfo = soleChild(signature, SAML_NS.dsig, 'SignedInfo');
  if (signedInfo === undefined) return 'the signature has no single SignedInfo';
  const references = childElements(signedInfo, SAML_NS.dsig, 'Reference');
  const reference = references[0];
  if (reference === undefined || references.length !== 1) return 'the signature must have exactly one Reference';
  if (attribute(reference, 'URI') !== `#${id}`) return 'the signature does not reference the element it is in';
  const transforms = soleChild(reference, SAML_NS.dsig, 'Transforms');
  const algorithms = transforms === undefined ? [] : childElements(transforms, SAML_NS.dsig, 'Transform').map((t) => attribute(t, 'Algorithm') ?? '');
  if (algorithms.some((algorithm) => !ALLOWED_TRANSFORMS.has(algorithm))) return 'the signature uses an unsupported transform';
  return undefined;
}

function verifyWith(documentXml: string, signature: XmlElement, certificate: string): string | undefined {
  // The key comes from the provider's metadata only: a certificate in the signature's KeyInfo
  // is whatever the sender chose, so it is never used.
  const verifier = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(documentXml)) return undefined;
  } catch {
    return undefined;
  }
  const signed = verifier.getSignedReferences();
  return signed.length === 1 ? signed[0] : undefined;
}

/**
 * Verifies the ds:Signature that is a direct child of `element` (in the document `documentXml`
 * was parsed from). xml-crypto refuses documents where the ID appears twice.
 */
export function verifyElementSignature(documentXml: string, element: XmlElement, certificates: readonly string[]): SignatureCheck {
  const signatures = childElements(element, SAML_NS.dsig, 'Signature');
  const signature = signatures[0];
  if (signature === undefined) return { ok: false, reason: `the ${element.localName ?? 'element'} is not signed` };
  if (signatures.length > 1) return { ok: false, reason: 'more than one signature on one element' };
  const id = attribute(element, 'ID') ?? '';
  if (id.length === 0) return { ok: false, reason: 'the signed element has no ID' };
  const problem = checkReference(signature, id);
  if (problem !== undefined) return { ok: false, reason: problem };
  for (const certificate of certificates) {
    const signedXml = verifyWith(documentXml, signature, certificate);
    if (signedXml !== undefined) return { ok: true, signedXml };
  }
  return { ok: false, reason: 'the signature does not verify with any certificate of the provider' };
}
