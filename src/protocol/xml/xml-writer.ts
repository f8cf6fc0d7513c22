// A minimal XML writer that lays elements out the way AWS Query services do:
// two-space indentation, one element per line, text-only elements inline.

const NEEDS_ESCAPE = /[&<>]/;

export function escapeText(text: string): string {
  // Most values (names, ids, ARNs, dates) need nothing: answer them without three regex passes.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** Indentation by depth, made once: a response writes one per element. */
const INDENTS: string[] = [];
function indentOf(depth: number): string {
  return (INDENTS[depth] ??= '  '.repeat(depth));
}

/**
 * Appends to one string (V8 joins the pieces once, when the text is read) rather than keeping
 * an array of lines to join: a 100-user page is about 700 elements.
 */
export class XmlWriter {
  private out = '';
  private depth = 0;

  private indent(): string {
    return indentOf(this.depth);
  }

  private tag(name: string, xmlns: string | undefined): string {
    return xmlns === undefined ? name : `${name} xmlns="${escapeAttribute(xmlns)}"`;
  }

  open(name: string, xmlns?: string): void {
    this.out += `${this.indent()}<${this.tag(name, xmlns)}>\n`;
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.out += `${this.indent()}</${name}>\n`;
  }

  /** An element with nothing inside: `<Users/>`. */
  empty(name: string, xmlns?: string): void {
    this.out += `${this.indent()}<${this.tag(name, xmlns)}/>\n`;
  }

  text(name: string, value: string, xmlns?: string): void {
    this.out += `${this.indent()}<${this.tag(name, xmlns)}>${escapeText(value)}</${name}>\n`;
  }

  /** The document, ending in a newline as AWS's do. */
  toString(): string {
    return this.out;
  }
}
