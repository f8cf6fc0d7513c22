// A typed door to @xmldom/xmldom. Its type declarations pull the DOM lib into the whole
// program (clashing with Node's fetch types), so it is loaded with require and given the few
// DOM shapes SAML reading needs. Parsing is strict: any parser complaint or a DOCTYPE refuses.
import { createRequire } from 'node:module';

export interface XmlNodeList {
  readonly length: number;
  item(index: number): XmlNode | null;
}

export interface XmlNode {
  readonly nodeType: number;
  readonly localName: string | null;
  readonly namespaceURI: string | null;
  readonly parentNode: XmlNode | null;
  readonly childNodes: XmlNodeList;
  readonly textContent: string | null;
}

export interface XmlElement extends XmlNode {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

export interface XmlDocument extends XmlNode {
  readonly documentElement: XmlElement | null;
}

const ELEMENT_NODE = 1;
const DOCUMENT_TYPE_NODE = 10;

interface ParserErrorHandler {
  warning?(message: string): void;
  error?(message: string): void;
  fatalError?(message: string): void;
}

interface DomParserConstructor {
  new (options: { errorHandler: ParserErrorHandler }): { parseFromString(source: string, mimeType: string): XmlDocument };
}

const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: DomParserConstructor };

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
}

export function isElement(node: XmlNode | null): node is XmlElement {
  return node !== null && node.nodeType === ELEMENT_NODE;
}

/** Parses a whole XML document; throws XmlParseError on malformed input or a DOCTYPE (no entity tricks). */
export function parseXml(source: string): XmlDocument {
  const fail = (message: string): never => {
    throw new XmlParseError(message);
  };
  // Even warnings (a mismatched end tag the parser repairs) refuse: a signed SAML document
  // from a real IdP is well-formed, and a repaired tree is one the signer never saw.
  const parser = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } });
  const document = parser.parseFromString(source, 'text/xml');
  for (let index = 0; index < document.childNodes.length; index += 1) {
    if (document.childNodes.item(index)?.nodeType === DOCUMENT_TYPE_NODE) fail('a DOCTYPE is not allowed');
  }
  if (document.documentElement === null) fail('no root element');
  return document;
}

/** Direct child elements named `localName` in `namespace`, in document order. */
export function childElements(parent: XmlNode, namespace: string, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (let index = 0; index < parent.childNodes.length; index += 1) {
    const node = parent.childNodes.item(index);
    if (isElement(node) && node.namespaceURI === namespace && node.localName === localName) found.push(node);
  }
  return found;
}

/** The only such child, or undefined when there is none or more than one. */
export function soleChild(parent: XmlNode, namespace: string, localName: string): XmlElement | undefined {
  const found = childElements(parent, namespace, localName);
  return found.length === 1 ? found[0] : undefined;
}

/** Text content with surrounding whitespace removed (IdPs pretty-print values). */
export function trimmedText(node: XmlNode): string {
  return (node.textContent ?? '').trim();
}

/** An attribute's value, or undefined when absent (xmldom answers '' for a missing attribute). */
export function attribute(element: XmlElement, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? '') : undefined;
}
