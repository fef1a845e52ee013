/**
 * A Python annotation as a small tree, parsed from the source text that
 * introspection reports ("Optional[int]", "list[str] | None",
 * "Literal['gini', 'entropy']", "npt.NDArray[np.float64]").
 */
export type AnnotationNode =
  | { readonly kind: "name"; readonly name: string; readonly args?: readonly AnnotationNode[] }
  | { readonly kind: "union"; readonly options: readonly AnnotationNode[] }
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "list"; readonly items: readonly AnnotationNode[] }
  | { readonly kind: "ellipsis" };

/** Parses annotation text; undefined when it is not an expression this grammar knows (then the type is `unknown`). */
export function parseAnnotation(text: string): AnnotationNode | undefined {
  try {
    const parser = new Parser(tokenize(text));
    const node = parser.union();
    return parser.done() ? node : undefined;
  } catch {
    return undefined;
  }
}

type Token = { readonly type: "name" | "string" | "number" | "punct"; readonly text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\.\.\.)|([A-Za-z_][\w.]*)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([[\],|()]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) throw new SyntaxError(`unexpected text at ${index}`);
    index = pattern.lastIndex;
    if (match[1]) tokens.push({ type: "punct", text: "..." });
    else if (match[2]) tokens.push({ type: "name", text: match[2] });
    else if (match[3]) tokens.push({ type: "string", text: match[3].slice(1, -1) });
    else if (match[4]) tokens.push({ type: "number", text: match[4] });
    else tokens.push({ type: "punct", text: match[5] ?? "" });
  }
  return tokens;
}

class Parser {
  #position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.#position === this.tokens.length;
  }

  union(): AnnotationNode {
    const options = [this.#primary()];
    while (this.#peek("|")) {
      this.#position++;
      options.push(this.#primary());
    }
    return options.length === 1 ? (options[0] as AnnotationNode) : { kind: "union", options };
  }

  #primary(): AnnotationNode {
    const token = this.tokens[this.#position++];
    if (!token) throw new SyntaxError("unexpected end");
    // A quoted string is a Literal value or a forward reference ('DataFrame'); the type mapper tells them apart.
    if (token.type === "string") return { kind: "literal", value: token.text };
    if (token.type === "number") return { kind: "literal", value: Number(token.text) };
    if (token.text === "...") return { kind: "ellipsis" };
    if (token.text === "[") return { kind: "list", items: this.#items("]") };
    if (token.text === "(") return { kind: "list", items: this.#items(")") };
    if (token.type !== "name") throw new SyntaxError(`unexpected ${token.text}`);
    if (token.text === "True" || token.text === "False") return { kind: "literal", value: token.text === "True" };
    if (!this.#peek("[")) return { kind: "name", name: token.text };
    this.#position++;
    return { kind: "name", name: token.text, args: this.#items("]") };
  }

  #items(close: string): AnnotationNode[] {
    const items: AnnotationNode[] = [];
    while (!this.#peek(close)) {
      items.push(this.union());
      if (this.#peek(",")) this.#position++;
      else if (!this.#peek(close)) throw new SyntaxError(`expected , or ${close}`);
    }
    this.#position++;
    return items;
  }

  #peek(text: string): boolean {
    const token = this.tokens[this.#position];
    return token?.type === "punct" && token.text === text;
  }
}
