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

export class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  private indent(): string {
    return indentOf(this.depth);
  }

  private tag(name: string, xmlns: string | undefined): string {
    return xmlns === undefined ? name : `${name} xmlns="${escapeAttribute(xmlns)}"`;
  }

  open(name: string, xmlns?: string): void {
    this.lines.push(`${this.indent()}<${this.tag(name, xmlns)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.lines.push(`${this.indent()}</${name}>`);
  }

  /** An element with nothing inside: `<Users/>`. */
  empty(name: string, xmlns?: string): void {
    this.lines.push(`${this.indent()}<${this.tag(name, xmlns)}/>`);
  }

  text(name: string, value: string, xmlns?: string): void {
    this.lines.push(`${this.indent()}<${this.tag(name, xmlns)}>${escapeText(value)}</${name}>`);
  }

  /** The document, ending in a newline as AWS's do. */
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
