/** A port of Go's text/template/parse (parse.go, node.go), Go 1.18 semantics plus `else with`. */
import { Lexer, itemString, type Item, type ItemType } from './lexer.js';
import { parseFloat64, parseInt64, parseUint64, quote } from './strconv.js';

export interface Tree {
  /** Template name (file path or define name). */
  name: string;
  /** Name of the file the tree was parsed from, for error locations. */
  parseName: string;
  text: string;
  root: ListNode;
}

interface Base {
  pos: number;
  tree: Tree;
}

export interface ListNode extends Base {
  type: 'list';
  nodes: Node[];
}
export interface TextNode extends Base {
  type: 'text';
  text: string;
}
export interface CommentNode extends Base {
  type: 'comment';
  text: string;
}
export interface ActionNode extends Base {
  type: 'action';
  line: number;
  pipe: PipeNode;
}
export interface PipeNode extends Base {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base {
  type: 'command';
  args: Node[];
}
export interface IdentifierNode extends Base {
  type: 'identifier';
  ident: string;
}
export interface VariableNode extends Base {
  type: 'variable';
  ident: string[];
}
export interface DotNode extends Base {
  type: 'dot';
}
export interface NilNode extends Base {
  type: 'nil';
}
export interface FieldNode extends Base {
  type: 'field';
  ident: string[];
}
export interface ChainNode extends Base {
  type: 'chain';
  node: Node;
  field: string[];
}
export interface BoolNode extends Base {
  type: 'bool';
  value: boolean;
}
export interface NumberNode extends Base {
  type: 'number';
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  text: string;
}
export interface StringNode extends Base {
  type: 'string';
  quoted: string;
  text: string;
}
export interface EndNode extends Base {
  type: 'end';
}
export interface ElseNode extends Base {
  type: 'else';
  line: number;
}
export interface BranchNode extends Base {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends Base {
  type: 'template';
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode extends Base {
  type: 'break' | 'continue';
  line: number;
}

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | TemplateNode
  | BreakNode;

export class TemplateParseError extends Error {
  readonly parseName: string;
  readonly line: number;
  constructor(message: string, parseName: string, line: number) {
    super(message);
    this.parseName = parseName;
    this.line = line;
  }
}

/** node.String() as Go prints nodes in error messages. */
export function nodeString(node: Node): string {
  switch (node.type) {
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'text':
      return node.text;
    case 'comment':
      return `{{${node.text}}}`;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'pipe': {
      let out = '';
      if (node.decl.length > 0) out += `${node.decl.map(nodeString).join(', ')} := `;
      return out + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((arg) => (arg.type === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg))).join(' ');
    case 'identifier':
      return node.ident;
    case 'variable':
      return node.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return node.ident.map((id) => `.${id}`).join('');
    case 'chain': {
      const head = node.node.type === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node);
      return head + node.field.map((f) => `.${f}`).join('');
    }
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
    case 'if':
    case 'range':
    case 'with': {
      let out = `{{${node.type} ${nodeString(node.pipe)}}}${nodeString(node.list)}`;
      if (node.elseList !== null) out += `{{else}}${nodeString(node.elseList)}`;
      return `${out}{{end}}`;
    }
    case 'template':
      return node.pipe === null ? `{{template ${quote(node.name)}}}` : `{{template ${quote(node.name)} ${nodeString(node.pipe)}}}`;
    case 'break':
    case 'continue':
      return `{{${node.type}}}`;
  }
}

/** strconv.Unquote for template string literals; undefined on "invalid syntax". */
export function unquote(text: string): string | undefined {
  if (text.length < 2) return undefined;
  const q = text[0];
  if (q !== text[text.length - 1]) return undefined;
  const body = text.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return undefined;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === q || c === '\n') return undefined;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const result = unquoteEscape(body, i + 1, q);
    if (result === undefined) return undefined;
    out += result.text;
    i = result.next;
  }
  if (q === "'" && [...out].length !== 1) return undefined;
  return out;
}

function unquoteEscape(body: string, i: number, q: string): { text: string; next: number } | undefined {
  const c = body[i];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (c in simple) return { text: simple[c], next: i + 1 };
  if (c === q) return { text: c, next: i + 1 };
  if (c === 'x' || c === 'u' || c === 'U') {
    const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const hex = body.slice(i + 1, i + 1 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
    const cp = parseInt(hex, 16);
    if (c === 'x') return { text: String.fromCharCode(cp), next: i + 1 + n };
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    return { text: String.fromCodePoint(cp), next: i + 1 + n };
  }
  if (c >= '0' && c <= '7') {
    const oct = body.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = parseInt(oct, 8);
    if (v > 255) return undefined;
    return { text: String.fromCharCode(v), next: i + 3 };
  }
  return undefined;
}

/** True when a tree is only whitespace text and comments (Go's parse.IsEmptyTree). */
export function isEmptyTree(node: Node | null): boolean {
  if (node === null) return true;
  switch (node.type) {
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'text':
      return node.text.trim().length === 0;
    case 'comment':
      return true;
    default:
      return false;
  }
}

interface TokenStream {
  index: number;
  items: Item[];
}

class Parser {
  private readonly tree: Tree;
  private readonly funcs: ReadonlySet<string>;
  private readonly shared: TokenStream;
  private readonly token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  readonly trees: Tree[] = [];

  constructor(tree: Tree, funcs: ReadonlySet<string>, shared: TokenStream) {
    this.tree = tree;
    this.funcs = funcs;
    this.shared = shared;
  }

  static forText(name: string, text: string, funcs: ReadonlySet<string>): Parser {
    const lexer = new Lexer(text);
    lexer.breakOK = !funcs.has('break');
    lexer.continueOK = !funcs.has('continue');
    const items = lexer.run();
    const tree: Tree = { name, parseName: name, text, root: { type: 'list', pos: 0, nodes: [], tree: null as unknown as Tree } };
    tree.root.tree = tree;
    return new Parser(tree, funcs, { index: 0, items });
  }

  private subTree(name: string): Parser {
    return new Parser({ name, parseName: this.tree.parseName, text: this.tree.text, root: this.tree.root }, this.funcs, this.shared);
  }

  private nextItem(): Item {
    const item = this.shared.items[this.shared.index];
    if (this.shared.index < this.shared.items.length - 1) this.shared.index++;
    return item;
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.nextItem();
    return this.token[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === 'space');
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  private errorf(message: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new TemplateParseError(`template: ${this.tree.parseName}:${line}: ${message}`, this.tree.parseName, line);
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(a: ItemType, b: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== a && token.typ !== b) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.tree.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private node<T extends Node>(fields: Omit<T, 'tree'>): T {
    return { ...fields, tree: this.tree } as T;
  }

  parse(): Tree[] {
    this.tree.root = this.node<ListNode>({ type: 'list', pos: this.peek().pos, nodes: [] });
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const sub = this.subTree('definition');
          sub.parseDefinition();
          this.trees.push(...sub.trees);
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.tree.root.nodes.push(n);
    }
    this.trees.push(this.tree);
    return this.trees;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf('string', 'rawString', context);
    const unquoted = unquote(name.val);
    if (unquoted === undefined) this.errorf('invalid syntax');
    this.tree.name = unquoted;
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.tree.root = list;
    this.trees.push(this.tree);
  }

  private itemList(): [ListNode, Node] {
    const list = this.node<ListNode>({ type: 'list', pos: this.peekNonSpace().pos, nodes: [] });
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return this.node<TextNode>({ type: 'text', pos: token.pos, text: token.val });
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case 'comment':
        return this.node<CommentNode>({ type: 'comment', pos: token.pos, text: token.val });
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
        return this.breakControl(token, 'break');
      case 'continue':
        return this.breakControl(token, 'continue');
      case 'else':
        return this.elseControl();
      case 'end':
        return this.node<EndNode>({ type: 'end', pos: this.expect('rightDelim', 'end').pos });
      case 'if':
        return this.branch('if', true);
      case 'range':
        return this.branch('range', false);
      case 'template':
        return this.templateControl();
      case 'with':
        return this.branch('with', false);
    }
    this.backup();
    const peek = this.peek();
    return this.node<ActionNode>({ type: 'action', pos: peek.pos, line: peek.line, pipe: this.pipeline('command', 'rightDelim') });
  }

  private breakControl(token: Item, kind: 'break' | 'continue'): Node {
    const next = this.nextNonSpace();
    if (next.typ !== 'rightDelim') this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return this.node<BreakNode>({ type: kind, pos: token.pos, line: token.line });
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe = this.node<PipeNode>({ type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] });
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.node<VariableNode>({ type: 'variable', pos: v.pos, ident: v.val.split('.') }));
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.node<VariableNode>({ type: 'variable', pos: v.pos, ident: v.val.split('.') }));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().typ;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 'space') this.backup3(v, tokenAfterVariable);
      else this.backup2(v);
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private branch(context: 'if' | 'range' | 'with', allowElseIf: boolean): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const items = this.itemList();
      const list = items[0];
      let next = items[1];
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        const chained = allowElseIf ? 'if' : context === 'with' ? 'with' : undefined;
        if (chained !== undefined && this.peek().typ === chained) {
          this.next();
          elseList = this.node<ListNode>({ type: 'list', pos: next.pos, nodes: [] });
          elseList.nodes.push(this.branch(chained, chained === 'if'));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return this.node<BranchNode>({ type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList });
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return this.node<ElseNode>({ type: 'else', pos: peek.pos, line: peek.line });
    const token = this.expect('rightDelim', 'else');
    return this.node<ElseNode>({ type: 'else', pos: token.pos, line: token.line });
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = this.subTree(name);
    const [list, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.tree.root = list;
    this.trees.push(block.tree, ...block.trees);
    return this.node<TemplateNode>({ type: 'template', pos: token.pos, line: token.line, name, pipe });
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return this.node<TemplateNode>({ type: 'template', pos: token.pos, line: token.line, name, pipe });
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') {
      const name = unquote(token.val);
      if (name === undefined) this.errorf('invalid syntax');
      return name;
    }
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd = this.node<CommandNode>({ type: 'command', pos: this.peekNonSpace().pos, args: [] });
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = this.node<FieldNode>({ type: 'field', pos, ident: [...node.ident, ...fields] });
          break;
        case 'variable':
          node = this.node<VariableNode>({ type: 'variable', pos, ident: [...node.ident, ...fields] });
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
          break;
        default:
          node = this.node<ChainNode>({ type: 'chain', pos, node, field: fields });
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.funcs.has(token.val)) this.errorf(`function ${quote(token.val)} not defined`);
        return this.node<IdentifierNode>({ type: 'identifier', pos: token.pos, ident: token.val });
      case 'dot':
        return this.node<DotNode>({ type: 'dot', pos: token.pos });
      case 'nil':
        return this.node<NilNode>({ type: 'nil', pos: token.pos });
      case 'variable':
        return this.useVar(token);
      case 'field':
        return this.node<FieldNode>({ type: 'field', pos: token.pos, ident: [token.val.slice(1)] });
      case 'bool':
        return this.node<BoolNode>({ type: 'bool', pos: token.pos, value: token.val === 'true' });
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.newNumber(token);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const text = unquote(token.val);
        if (text === undefined) this.errorf('invalid syntax');
        return this.node<StringNode>({ type: 'string', pos: token.pos, quoted: token.val, text });
      }
    }
    this.backup();
    return null;
  }

  private useVar(token: Item): VariableNode {
    const ident = token.val.split('.');
    if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${quote(ident[0])}`);
    return this.node<VariableNode>({ type: 'variable', pos: token.pos, ident });
  }

  private newNumber(token: Item): NumberNode {
    const text = token.val;
    const n = this.node<NumberNode>({
      type: 'number',
      pos: token.pos,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int64: 0n,
      uint64: 0n,
      float64: 0,
      text,
    });
    if (token.typ === 'charConstant') {
      const ch = unquote(text);
      if (ch === undefined) this.errorf(`malformed character constant: ${text}`);
      const cp = ch.codePointAt(0) ?? 0;
      Object.assign(n, { isInt: true, isUint: true, isFloat: true, int64: BigInt(cp), uint64: BigInt(cp), float64: cp });
      return n;
    }
    if (token.typ === 'complex' || text.endsWith('i')) this.errorf(`complex constants are not supported: ${quote(text)}`);
    const u = parseUint64(text);
    if (u !== undefined) {
      n.isUint = true;
      n.uint64 = u;
    }
    const i = parseInt64(text);
    if (i !== undefined) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = u ?? 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseFloat64(text);
      if (f !== undefined) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${quote(text)}`);
        n.isFloat = true;
        n.float64 = f;
        if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${quote(text)}`);
    return n;
  }
}

/** Parses one file into its trees: the file's own tree plus one per define/block. */
export function parseTemplate(name: string, text: string, funcs: ReadonlySet<string>): Tree[] {
  return Parser.forText(name, text, funcs).parse();
}
