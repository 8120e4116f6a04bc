import { diagnostic } from '../../../model/diagnostic.js';
import type { Diagnostic } from '../../../model/diagnostic.js';
import type {
  Attribute,
  BinaryOperator,
  Block,
  BlockLabel,
  Body,
  Expression,
  ForExpr,
  FunctionCallExpr,
  InvalidExpr,
  ObjectItem,
  Pos,
  Range,
  ScopeTraversalExpr,
  SplatItemExpr,
  TemplateExpr,
  TemplatePart,
  TraversalStep,
} from './ast.js';
import { codePointAt, isIdentContinue, normalizeNfc, shown, trimLeftSpace, trimRightSpace } from './chars.js';
import type { FlatPart } from './template-parts.js';
import { flushHeredoc, meldLiterals, nestDirectives } from './template-parts.js';
import * as L from './lexer.js';
import type { Tokens } from './lexer.js';

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
}

/**
 * Deeper nesting of blocks or expressions is reported instead of risking a stack overflow. Node's
 * default stack holds about 1200 levels of the costliest constructs (templates, blocks) in cold code;
 * 500 keeps twice that headroom. Real configurations nest a few levels deep.
 */
export const MAX_NESTING = 500;
/** Binary garbage can produce an error per line; after this many the rest are summarised. */
export const MAX_DIAGNOSTICS = 50;

/** Parses HCL native syntax. Never throws: syntax errors become `hcl-syntax` diagnostics. */
export function parseHcl(text: string, file: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let dropped = 0;
  const report = (message: string, line: number, column: number): void => {
    if (diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push(diagnostic('hcl-syntax', file, message, { line, column }));
    else dropped++;
  };
  let body: Body;
  try {
    body = new Parser(text, L.lex(text, report), report).parseFile();
  } catch (error) {
    // Last line of defence: nesting limits should make this unreachable.
    if (!(error instanceof RangeError)) throw error;
    report(`the file is too deeply nested to parse (${error.message})`, 1, 1);
    const start: Pos = { line: 1, column: 1, offset: 0 };
    body = { attributes: [], blocks: [], range: { start, end: start } };
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (dropped > 0) {
    diagnostics.push(diagnostic('hcl-syntax', file, `${dropped} further syntax errors in this file are not reported`));
  }
  return { body, diagnostics };
}

const BINARY_PRECEDENCE = new Uint8Array(64);
const BINARY_OPERATOR: BinaryOperator[] = [];
for (const [kind, precedence, op] of [
  [L.T_OR, 1, '||'],
  [L.T_AND, 2, '&&'],
  [L.T_EQ, 3, '=='],
  [L.T_NEQ, 3, '!='],
  [L.T_LT, 4, '<'],
  [L.T_GT, 4, '>'],
  [L.T_LTE, 4, '<='],
  [L.T_GTE, 4, '>='],
  [L.T_PLUS, 5, '+'],
  [L.T_MINUS, 5, '-'],
  [L.T_STAR, 6, '*'],
  [L.T_SLASH, 6, '/'],
  [L.T_PERCENT, 6, '%'],
] as const) {
  BINARY_PRECEDENCE[kind] = precedence;
  BINARY_OPERATOR[kind] = op;
}

const CACHE_SIZE = 1024;
const CACHE_MASK = CACHE_SIZE - 1;
const INTERN_MASK = 2047;

/** Closing token kind for each opening kind; 0 for tokens that open nothing. */
const CLOSER = new Uint8Array(64);
CLOSER[L.T_OBRACE] = L.T_CBRACE;
CLOSER[L.T_OBRACK] = L.T_CBRACK;
CLOSER[L.T_OPAREN] = L.T_CPAREN;
CLOSER[L.T_OQUOTE] = L.T_CQUOTE;
CLOSER[L.T_OHEREDOC] = L.T_CHEREDOC;
CLOSER[L.T_INTERP] = L.T_SEQ_END;
CLOSER[L.T_CONTROL] = L.T_SEQ_END;
const IS_CLOSER = new Uint8Array(64);
for (const kind of [L.T_CBRACE, L.T_CBRACK, L.T_CPAREN, L.T_CQUOTE, L.T_CHEREDOC, L.T_SEQ_END]) IS_CLOSER[kind] = 1;

const CLOSER_TEXT: Record<number, string> = { [L.T_CBRACE]: '}', [L.T_CBRACK]: ']', [L.T_CPAREN]: ')' };


/**
 * A stack that lists are collected on while parsing. `take` copies a finished list out at its exact
 * size (a pushed-to array literal reserves 16 slots); nested lists use the space above and are taken
 * first. Slots above `top` are reused, never cleared: they only hold nodes of the tree being built.
 */
class Scratch<T> {
  readonly items: T[] = [];
  top = 0;

  push(item: T): void {
    this.items[this.top++] = item;
  }

  take(base: number): T[] {
    const list = this.items.slice(base, this.top);
    this.top = base;
    return list;
  }
}

class Parser {
  private readonly text: string;
  private readonly report: (message: string, line: number, column: number) => void;
  private readonly kind: Uint8Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly line: Int32Array;
  private readonly col: Int32Array;
  private readonly truncated: boolean;
  private pos = 0;
  /** Index of the last token consumed. */
  private lastIdx = 0;
  /** Whether newlines are significant here (bodies, objects) or whitespace (brackets, templates). */
  private includeNewlines = true;
  private readonly newlineStack: boolean[] = [];
  /**
   * Nodes that start or end at the same token share their Pos and Range objects (fewer allocations is
   * most of the parser's speed). A small direct-mapped cache suffices: sharing is between nearby tokens.
   */
  private readonly posTag = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly posCache: Pos[] = [];
  private readonly rangeTag = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly rangeCache: Range[] = [];
  private readonly internCache: (string | undefined)[] = new Array<string | undefined>(INTERN_MASK + 1).fill(undefined);
  private readonly stepStack = new Scratch<TraversalStep>();
  private readonly exprStack = new Scratch<Expression>();
  private readonly itemStack = new Scratch<ObjectItem>();
  private readonly partStack = new Scratch<FlatPart>();
  private readonly attributeStack = new Scratch<Attribute>();
  private readonly blockStack = new Scratch<Block>();
  private readonly labelStack = new Scratch<BlockLabel>();
  /**
   * Set after a syntax error until the parser has re-synchronised (found the closer it was looking for
   * or started the next body item); suppresses follow-on errors.
   */
  private failed = false;
  /** Token of the last reported error: one error per token is enough. */
  private lastErrorIdx = -1;
  private depth = 0;
  private indexRange: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

  constructor(text: string, tokens: Tokens, report: (message: string, line: number, column: number) => void) {
    this.text = text;
    this.report = report;
    this.kind = tokens.kind;
    this.start = tokens.start;
    this.end = tokens.end;
    this.line = tokens.line;
    this.col = tokens.col;
    this.truncated = tokens.truncated;
  }

  parseFile(): Body {
    const bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return this.parseBody(L.T_EOF, -1, { line: 1, column: 1, offset: bom }, '');
  }

  // ---- token access ----

  private peekIdx(): number {
    let i = this.pos;
    if (!this.includeNewlines) while (this.kind[i] === L.T_NEWLINE) i++;
    return i;
  }

  private peekKind(): number {
    return this.kind[this.peekIdx()];
  }

  private read(): number {
    const i = this.peekIdx();
    this.pos = this.kind[i] === L.T_EOF ? i : i + 1;
    this.lastIdx = i;
    return i;
  }

  private pushNewlines(include: boolean): void {
    this.newlineStack.push(this.includeNewlines);
    this.includeNewlines = include;
  }

  private popNewlines(): void {
    this.includeNewlines = this.newlineStack.pop() ?? true;
  }

  private tokenText(i: number): string {
    return this.slice(this.start[i], this.end[i]);
  }

  /**
   * `text.slice`, reusing the string from an earlier identical slice: names such as `name`, `tags` or
   * `var` repeat throughout a configuration, and one shared string per name allocates far less.
   */
  private slice(start: number, end: number): string {
    const length = end - start;
    if (length > 32 || length === 0) return this.text.slice(start, end);
    const text = this.text;
    const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1) * 3 + text.charCodeAt(start + (length >> 1))) & INTERN_MASK;
    const cached = this.internCache[slot];
    if (cached !== undefined && cached.length === length && text.startsWith(cached, start)) return cached;
    const fresh = text.slice(start, end);
    this.internCache[slot] = fresh;
    return fresh;
  }

  private isKeyword(i: number, word: string): boolean {
    return (
      this.kind[i] === L.T_IDENT && this.end[i] - this.start[i] === word.length && this.text.startsWith(word, this.start[i])
    );
  }

  private startPos(i: number): Pos {
    return this.posAt(this.start[i], this.line[i], this.col[i]);
  }

  private endPos(i: number): Pos {
    const end = this.end[i];
    if (end > this.start[i] && this.text.charCodeAt(end - 1) === 10) return this.posAt(end, this.line[i] + 1, 1);
    return this.posAt(end, this.line[i], this.col[i] + end - this.start[i]);
  }

  /** Keyed by offset, so a token's end and the start of an adjacent token are one object. */
  private posAt(offset: number, line: number, column: number): Pos {
    const slot = offset & CACHE_MASK;
    if (this.posTag[slot] === offset) return this.posCache[slot];
    const pos: Pos = { line, column, offset };
    this.posTag[slot] = offset;
    this.posCache[slot] = pos;
    return pos;
  }

  private tokenRange(i: number): Range {
    const slot = i & CACHE_MASK;
    if (this.rangeTag[slot] === i) return this.rangeCache[slot];
    const range: Range = { start: this.startPos(i), end: this.endPos(i) };
    this.rangeTag[slot] = i;
    this.rangeCache[slot] = range;
    return range;
  }

  private where(i: number): string {
    return `line ${this.line[i]}, column ${this.col[i]}`;
  }

  private describe(i: number): string {
    switch (this.kind[i]) {
      case L.T_EOF:
        return 'the end of the file';
      case L.T_NEWLINE:
        return 'a newline';
      case L.T_OQUOTE:
        return 'a quoted string';
      case L.T_OHEREDOC:
        return 'a heredoc';
      case L.T_QUOTED_LIT:
      case L.T_QUOTED_LIT_ESCAPED:
      case L.T_HEREDOC_LIT:
      case L.T_HEREDOC_LIT_ESCAPED:
        return 'string text';
      case L.T_CQUOTE:
        return 'the end of the string';
      case L.T_CHEREDOC:
        return 'the end of the heredoc';
      case L.T_INVALID:
        return 'an invalid character';
      default:
        return `"${shown(this.tokenText(i))}"`;
    }
  }

  // ---- diagnostics and recovery ----

  /** Reports a syntax error at token `i` and enters recovery mode. */
  private error(message: string, i: number): void {
    // The lexer has already reported an invalid character.
    if (!this.failed && i !== this.lastErrorIdx && this.kind[i] !== L.T_INVALID) this.report(message, this.line[i], this.col[i]);
    this.lastErrorIdx = i;
    this.failed = true;
  }

  /**
   * Reports that the file ended inside a construct, unless the file ended inside a string, heredoc or
   * comment: the lexer reported that, and everything enclosing it is necessarily unclosed too.
   */
  private unclosed(message: string, i: number): void {
    if (this.truncated) this.failed = true;
    else this.error(message, i);
  }

  /** Reports an error that leaves the parser in a known position, so parsing continues normally. */
  private note(message: string, line: number, column: number): void {
    if (!this.failed) this.report(message, line, column);
  }

  private readonly noteAt = (message: string, at: Pos): void => this.note(message, at.line, at.column);

  /**
   * Skips to the `target` closer matching the current nesting, honouring nested brackets and templates.
   * Stops before a closer that belongs to an enclosing construct (or, for `T_NEWLINE`, before a `}`).
   * Returns true, and leaves recovery mode, only when the target was consumed.
   */
  private skipTo(target: number): boolean {
    const kind = this.kind;
    const open: number[] = [];
    for (let i = this.pos; ; i++) {
      const k = kind[i];
      if (k === L.T_EOF) {
        this.pos = i;
        return false;
      }
      if (k === target && open.length === 0) {
        this.pos = i + 1;
        this.lastIdx = i;
        this.failed = false;
        return true;
      }
      const closer = CLOSER[k];
      if (closer !== 0) {
        open.push(closer);
      } else if (IS_CLOSER[k] === 1) {
        const at = open.lastIndexOf(k);
        if (at >= 0) {
          open.length = at;
        } else if (target !== L.T_NEWLINE || k === L.T_CBRACE) {
          this.pos = i;
          return false;
        }
      }
    }
  }

  /** A newline at `i` followed by `{`: a block header whose brace slipped onto the next line. */
  private braceOnNextLine(i: number): boolean {
    if (this.kind[i] !== L.T_NEWLINE) return false;
    let j = i;
    while (this.kind[j] === L.T_NEWLINE) j++;
    return this.kind[j] === L.T_OBRACE;
  }

  private recoverAfterBodyItem(): void {
    this.skipTo(L.T_NEWLINE);
  }

  private enter(i: number): boolean {
    if (this.depth >= MAX_NESTING) {
      this.error(`nesting is deeper than ${MAX_NESTING} levels; simplify this configuration`, i);
      return false;
    }
    this.depth++;
    return true;
  }

  private invalid(i: number): InvalidExpr {
    return { kind: 'invalid', range: this.tokenRange(i) };
  }

  // ---- structure ----

  private parseBody(endKind: number, openIdx: number, startPos: Pos, blockType: string): Body {
    const attributeStack = this.attributeStack;
    const attributeBase = attributeStack.top;
    const blockStack = this.blockStack;
    const blockBase = blockStack.top;
    let seen: Map<string, Attribute> | undefined;
    let endPos: Pos;
    for (;;) {
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === endKind) {
        this.read();
        endPos = this.endPos(i);
        this.failed = false;
        break;
      }
      if (k === L.T_NEWLINE) {
        this.read();
        continue;
      }
      this.failed = false;
      if (k === L.T_IDENT) {
        const item = this.parseBodyItem();
        if (item === null) continue;
        if ('type' in item) {
          blockStack.push(item);
          continue;
        }
        let previous: Attribute | undefined;
        if (seen !== undefined) {
          previous = seen.get(item.name);
        } else {
          // Most bodies are small: a linear scan beats building a Map for each.
          const items = attributeStack.items;
          for (let a = attributeBase; a < attributeStack.top; a++) {
            if (items[a].name === item.name) previous = items[a];
          }
          if (attributeStack.top - attributeBase >= 16) {
            seen = new Map();
            for (let a = attributeBase; a < attributeStack.top; a++) seen.set(items[a].name, items[a]);
          }
        }
        if (previous === undefined) {
          seen?.set(item.name, item);
          attributeStack.push(item);
        } else {
          this.report(
            `attribute "${shown(item.name)}" is already set at line ${previous.nameRange.start.line}; each attribute can be set only once`,
            item.nameRange.start.line,
            item.nameRange.start.column,
          );
        }
        continue;
      }
      if (k === L.T_EOF) {
        this.failed = false;
        this.unclosed(`block "${shown(blockType)}" has no closing "}": add "}" at the end of the block opened at ${this.where(openIdx)}`, openIdx);
        endPos = this.endPos(i);
        break;
      }
      this.read();
      if (k === L.T_CBRACE) {
        this.error('unexpected "}" with no matching "{"', i);
        continue;
      }
      this.error(
        k === L.T_OQUOTE
          ? 'expected an attribute name or block type, found a quoted string (attribute names are not quoted)'
          : `expected an attribute name or block type, found ${this.describe(i)}`,
        i,
      );
      this.recoverAfterBodyItem();
    }
    const attributes = attributeStack.take(attributeBase);
    const blocks = blockStack.take(blockBase);
    return { attributes, blocks, range: { start: startPos, end: endPos } };
  }

  private parseBodyItem(): Attribute | Block | null {
    const nameIdx = this.read();
    const next = this.peekIdx();
    const k = this.kind[next];
    if (k === L.T_EQUAL) return this.parseAttribute(nameIdx, false);
    if (k === L.T_OQUOTE || k === L.T_OBRACE || k === L.T_IDENT || this.braceOnNextLine(next)) return this.parseBlock(nameIdx);
    this.error(`expected "=" or "{" after "${shown(this.tokenText(nameIdx))}", found ${this.describe(next)}`, next);
    this.recoverAfterBodyItem();
    return null;
  }

  private parseAttribute(nameIdx: number, singleLine: boolean): Attribute {
    this.read(); // =
    const name = this.tokenText(nameIdx);
    const nameRange = this.tokenRange(nameIdx);
    const expr = this.parseExpression();
    if (this.failed) {
      this.recoverAfterBodyItem();
    } else if (!singleLine) {
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === L.T_NEWLINE || k === L.T_EOF) {
        this.read();
      } else {
        this.error(
          k === L.T_COMMA
            ? `unexpected "," after the value of "${shown(name)}": attributes are separated by newlines, not commas`
            : `expected a newline after the value of "${shown(name)}", found ${this.describe(i)}`,
          i,
        );
        this.recoverAfterBodyItem();
      }
    }
    return { name, nameRange, expr, range: { start: nameRange.start, end: expr.range.end } };
  }

  private parseBlock(typeIdx: number): Block {
    const type = this.tokenText(typeIdx);
    const typeRange = this.tokenRange(typeIdx);
    const labelStack = this.labelStack;
    const labelBase = labelStack.top;
    let openIdx: number;
    for (;;) {
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === L.T_OBRACE) {
        openIdx = this.read();
        break;
      }
      if (this.braceOnNextLine(i)) {
        // Report the misplaced brace but keep the block's content.
        this.pos = i;
        while (this.kind[this.pos] === L.T_NEWLINE) this.pos++;
        this.error(`the "{" of block "${shown(type)}" must be on the same line as "${shown(type)}"`, this.pos);
        this.failed = false;
        continue;
      }
      if (k === L.T_OQUOTE) {
        labelStack.push(this.parseQuotedLabel());
        continue;
      }
      if (k === L.T_IDENT) {
        this.read();
        labelStack.push({ value: this.tokenText(i), range: this.tokenRange(i) });
        continue;
      }
      if (k === L.T_EQUAL) {
        this.error(`unexpected "=" after the labels of block "${shown(type)}": a block header ends with "{"`, i);
      } else if (k === L.T_NEWLINE) {
        this.error(`expected "{" on the same line as the header of block "${shown(type)}", found a newline`, i);
      } else {
        this.error(`expected a block label or "{" after "${shown(type)}", found ${this.describe(i)}`, i);
      }
      this.recoverAfterBodyItem();
      const labels = labelStack.take(labelBase);
      const end = labels.length > 0 ? labels[labels.length - 1].range.end : typeRange.end;
      const emptyBody: Body = { attributes: [], blocks: [], range: { start: end, end } };
      return { type, typeRange, labels, body: emptyBody, range: { start: typeRange.start, end } };
    }

    const labels = labelStack.take(labelBase);
    const body = this.parseBlockBody(type, openIdx);
    if (!this.failed) {
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === L.T_NEWLINE || k === L.T_EOF) {
        this.read();
      } else {
        this.error(`expected a newline after the closing "}" of block "${shown(type)}", found ${this.describe(i)}`, i);
        this.recoverAfterBodyItem();
      }
    }
    return { type, typeRange, labels, body, range: { start: typeRange.start, end: body.range.end } };
  }

  private parseBlockBody(type: string, openIdx: number): Body {
    const openPos = this.startPos(openIdx);
    if (!this.enter(openIdx)) {
      this.skipTo(L.T_CBRACE);
      return { attributes: [], blocks: [], range: { start: openPos, end: this.endPos(this.lastIdx) } };
    }
    try {
      const k = this.peekKind();
      if (k === L.T_NEWLINE || k === L.T_EOF || k === L.T_CBRACE) return this.parseBody(L.T_CBRACE, openIdx, openPos, type);
      return this.parseOneLineBody(type, openIdx, openPos);
    } finally {
      this.depth--;
    }
  }

  /** `name "label" { attr = value }`: at most one attribute, closed on the same line. */
  private parseOneLineBody(type: string, openIdx: number, openPos: Pos): Body {
    const attributes: Attribute[] = [];
    const nameIdx = this.peekIdx();
    if (this.kind[nameIdx] !== L.T_IDENT) {
      this.error(`expected an attribute name inside block "${shown(type)}", found ${this.describe(nameIdx)}`, nameIdx);
      this.skipTo(L.T_CBRACE);
      return { attributes, blocks: [], range: { start: openPos, end: this.endPos(this.lastIdx) } };
    }
    this.read();
    const next = this.peekIdx();
    if (this.kind[next] === L.T_EQUAL) {
      attributes.push(this.parseAttribute(nameIdx, true));
    } else if (this.kind[next] === L.T_OQUOTE || this.kind[next] === L.T_OBRACE || this.kind[next] === L.T_IDENT) {
      this.error(
        `a one-line block can only contain one attribute; put the nested block "${shown(this.tokenText(nameIdx))}" on its own line inside block "${shown(type)}"`,
        nameIdx,
      );
    } else {
      this.error(`expected "=" after "${shown(this.tokenText(nameIdx))}", found ${this.describe(next)}`, next);
    }
    let endPos: Pos;
    const i = this.peekIdx();
    const k = this.kind[i];
    if (!this.failed && k === L.T_CBRACE) {
      this.read();
      endPos = this.endPos(i);
    } else {
      if (k === L.T_COMMA) {
        this.error(`a one-line block can contain only one attribute: put each attribute of block "${shown(type)}" on its own line`, i);
      } else if (k === L.T_NEWLINE) {
        this.error(`expected "}" after the attribute of one-line block "${shown(type)}": close it on the same line or put the attribute on its own line`, i);
      } else if (k === L.T_EOF) {
        this.unclosed(`block "${shown(type)}" has no closing "}": add "}" at the end of the block opened at ${this.where(openIdx)}`, openIdx);
      } else {
        this.error(`expected "}" to close one-line block "${shown(type)}", found ${this.describe(i)}`, i);
      }
      this.skipTo(L.T_CBRACE);
      endPos = this.endPos(this.lastIdx);
    }
    return { attributes, blocks: [], range: { start: openPos, end: endPos } };
  }

  /** A block label: a quoted string without template sequences. */
  private parseQuotedLabel(): BlockLabel {
    const openIdx = this.read();
    let value = '';
    for (;;) {
      const i = this.read();
      const k = this.kind[i];
      if (k === L.T_CQUOTE || k === L.T_EOF) break;
      if (k === L.T_QUOTED_LIT) {
        value += this.tokenText(i);
      } else if (k === L.T_QUOTED_LIT_ESCAPED) {
        value += this.decodeQuoted(i);
      } else if (k === L.T_INTERP || k === L.T_CONTROL) {
        const seq = k === L.T_INTERP ? '${' : '%{';
        const escaped = k === L.T_INTERP ? '$${' : '%%{';
        this.note(`a block label cannot contain "${seq}"; write "${escaped}" for a literal "${seq}"`, this.line[i], this.col[i]);
        value += `${seq[0]}{ ... }`;
        const failed = this.failed;
        this.skipTo(L.T_SEQ_END);
        this.failed = failed;
      }
    }
    return { value, range: { start: this.startPos(openIdx), end: this.endPos(this.lastIdx) } };
  }

  // ---- expressions ----

  /**
   * An expression, including a conditional `c ? a : b`. Nested constructs recurse through here, so it
   * also enforces the nesting limit; it is kept to few stack frames per level for the same reason.
   */
  private parseExpression(): Expression {
    const i = this.peekIdx();
    if (!this.enter(i)) return this.invalid(i);
    const condition = this.parseBinary(1);
    let expr = condition;
    if (!this.failed && this.peekKind() === L.T_QUESTION) {
      this.read();
      const trueExpr = this.parseExpression();
      const colon = this.peekIdx();
      if (this.failed) {
        expr = condition;
      } else if (this.kind[colon] !== L.T_COLON) {
        this.error(`expected ":" and the false result of the conditional "?", found ${this.describe(colon)}`, colon);
      } else {
        this.read();
        const falseExpr = this.parseExpression();
        expr = { kind: 'conditional', condition, trueExpr, falseExpr, range: { start: condition.range.start, end: falseExpr.range.end } };
      }
    }
    this.depth--;
    return expr;
  }

  /** Precedence climbing; all binary operators are left-associative. */
  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseTerm();
    if (!this.failed) left = this.parsePostfix(left);
    for (;;) {
      if (this.failed) return left;
      const k = this.peekKind();
      const precedence = BINARY_PRECEDENCE[k];
      if (precedence === 0 || precedence < minPrecedence) return left;
      this.read();
      const right = this.parseBinary(precedence + 1);
      left = { kind: 'binary', op: BINARY_OPERATOR[k], left, right, range: { start: left.range.start, end: right.range.end } };
    }
  }

  /** A term with its postfix operators; unary operators bind tighter than any binary operator. */
  private parseOperand(): Expression {
    const term = this.parseTerm();
    if (this.failed) return term;
    return this.parsePostfix(term);
  }

  private parseTerm(): Expression {
    const i = this.peekIdx();
    switch (this.kind[i]) {
      case L.T_NUMBER: {
        this.read();
        const raw = this.tokenText(i);
        const value = Number(raw);
        if (Number.isNaN(value)) this.note(`invalid number literal "${shown(raw)}"`, this.line[i], this.col[i]);
        return { kind: 'literal', value, raw, range: this.tokenRange(i) };
      }
      case L.T_IDENT: {
        this.read();
        const next = this.peekKind();
        if (next === L.T_OPAREN || next === L.T_DOUBLE_COLON) return this.parseFunctionCall(i);
        const name = this.tokenText(i);
        const range = this.tokenRange(i);
        // `raw: undefined` keeps every literal node the same shape.
        if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', raw: undefined, range };
        if (name === 'null') return { kind: 'literal', value: null, raw: undefined, range };
        const traversal: ScopeTraversalExpr = { kind: 'scopeTraversal', root: name, rootRange: range, steps: [], range };
        return traversal;
      }
      case L.T_OQUOTE:
      case L.T_OHEREDOC:
        return this.parseTemplate();
      case L.T_OPAREN:
        return this.parseParens();
      case L.T_OBRACK:
      case L.T_OBRACE: {
        // Decided here rather than in parseTuple/parseObject: one stack frame less per nested `for`.
        this.read();
        this.pushNewlines(false);
        const isFor = this.isKeyword(this.peekIdx(), 'for');
        const isObject = this.kind[i] === L.T_OBRACE;
        const expr = isFor ? this.parseForExpr(i, isObject) : isObject ? this.parseObject(i) : this.parseTuple(i);
        this.popNewlines();
        return expr;
      }
      case L.T_MINUS:
      case L.T_BANG: {
        if (!this.enter(i)) return this.invalid(i);
        this.read();
        const operand = this.parseOperand();
        this.depth--;
        const op = this.kind[i] === L.T_MINUS ? '-' : '!';
        return { kind: 'unary', op, operand, range: { start: this.startPos(i), end: operand.range.end } };
      }
      case L.T_EOF:
        this.unclosed('expected an expression, found the end of the file', i);
        return this.invalid(i);
      case L.T_LT:
        if (this.kind[i + 1] === L.T_LT) {
          this.error('expected an expression, found "<<": a heredoc marker such as <<EOT must be followed directly by a newline', i);
          return this.invalid(i);
        }
        break;
    }
    this.error(`expected an expression, found ${this.describe(i)}`, i);
    return this.invalid(i);
  }

  private parseParens(): Expression {
    const openIdx = this.read();
    this.pushNewlines(false);
    const expr = this.parseExpression();
    let closed: boolean;
    if (this.failed) {
      closed = this.skipTo(L.T_CPAREN);
    } else {
      const i = this.peekIdx();
      if (this.kind[i] === L.T_CPAREN) {
        this.read();
        closed = true;
      } else {
        this.error(`expected ")" to close the "(" at ${this.where(openIdx)}, found ${this.describe(i)}`, i);
        closed = this.skipTo(L.T_CPAREN);
      }
    }
    this.popNewlines();
    const end = closed ? this.endPos(this.lastIdx) : expr.range.end;
    return { kind: 'parens', expr, range: { start: this.startPos(openIdx), end } };
  }

  /** Attribute and index steps after a term, plus splats and non-constant indexes. */
  private parsePostfix(from: Expression): Expression {
    let ret = from;
    const base = this.stepStack.top;
    for (;;) {
      const k = this.peekKind();
      if (k === L.T_DOT) {
        const dotIdx = this.read();
        const i = this.peekIdx();
        const next = this.kind[i];
        if (next === L.T_IDENT) {
          this.read();
          this.stepStack.push({ type: 'attr', name: this.tokenText(i), range: this.rangeBetween(dotIdx, i) });
        } else if (next === L.T_NUMBER) {
          this.read();
          this.stepStack.push(this.legacyIndex(dotIdx, i));
        } else if (next === L.T_STAR) {
          this.read();
          ret = this.parseAttrSplat(from, this.attachSteps(ret, base), dotIdx, i);
          if (this.failed) return ret;
        } else {
          this.stepStack.top = base;
          this.error(`expected an attribute name after ".", found ${this.describe(i)}`, i);
          return { kind: 'invalid', range: { start: from.range.start, end: this.endPos(dotIdx) } };
        }
      } else if (k === L.T_OBRACK) {
        const openIdx = this.read();
        if (this.peekKind() === L.T_STAR) {
          ret = this.parseFullSplat(from, this.attachSteps(ret, base), openIdx);
        } else {
          const key = this.parseIndexKey(openIdx);
          const range = this.indexRange;
          if (key.kind === 'literal') {
            this.stepStack.push({ type: 'index', key: key.value, range });
          } else if (key.kind === 'template' && key.parts.length === 1 && key.parts[0].kind === 'templateLiteral') {
            this.stepStack.push({ type: 'index', key: key.parts[0].value, range });
          } else {
            const collection = this.attachSteps(ret, base);
            ret = { kind: 'index', collection, key, range: { start: from.range.start, end: range.end } };
          }
        }
        if (this.failed) return this.attachSteps(ret, base);
      } else {
        return this.attachSteps(ret, base);
      }
    }
  }

  /** Applies the steps collected above `base` to `expr`: extends a bare variable or wraps anything else. */
  private attachSteps(expr: Expression, base: number): Expression {
    const stack = this.stepStack;
    if (stack.top === base) return expr;
    const steps = stack.take(base);
    const range: Range = { start: expr.range.start, end: steps[steps.length - 1].range.end };
    // New nodes rather than mutated ones: V8 deoptimises code when a field it saw as constant changes.
    if (expr.kind === 'scopeTraversal') {
      const all = expr.steps.length === 0 ? steps : expr.steps.concat(steps);
      return { kind: 'scopeTraversal', root: expr.root, rootRange: expr.rootRange, steps: all, range };
    }
    if (expr.kind === 'relativeTraversal') {
      return { kind: 'relativeTraversal', source: expr.source, steps: expr.steps.concat(steps), range };
    }
    return { kind: 'relativeTraversal', source: expr, steps, range };
  }

  private rangeBetween(first: number, last: number): Range {
    return { start: this.startPos(first), end: this.endPos(last) };
  }

  /** `.0`: HCL's legacy index syntax, an index rather than an attribute. */
  private legacyIndex(dotIdx: number, numIdx: number): TraversalStep {
    const raw = this.tokenText(numIdx);
    const dot = raw.indexOf('.');
    if (dot >= 0) {
      this.note(
        `"${shown(raw)}" chains two legacy indexes, which HCL reads as one number; write [${shown(raw.slice(0, dot))}][${shown(raw.slice(dot + 1))}] instead`,
        this.line[numIdx],
        this.col[numIdx],
      );
    }
    return { type: 'index', key: Number(dot >= 0 ? raw.slice(0, dot) : raw), range: this.rangeBetween(dotIdx, numIdx) };
  }

  /** `.*` followed by attribute (or legacy index) steps only. */
  private parseAttrSplat(from: Expression, source: Expression, dotIdx: number, starIdx: number): Expression {
    const item: SplatItemExpr = { kind: 'splatItem', range: this.rangeBetween(dotIdx, starIdx) };
    const stack = this.stepStack;
    const base = stack.top;
    while (this.peekKind() === L.T_DOT) {
      const d = this.read();
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === L.T_IDENT) {
        this.read();
        stack.push({ type: 'attr', name: this.tokenText(i), range: this.rangeBetween(d, i) });
      } else if (k === L.T_NUMBER) {
        this.read();
        stack.push(this.legacyIndex(d, i));
      } else {
        this.error(
          k === L.T_STAR
            ? 'a splat expression cannot contain another ".*"; use a for expression instead'
            : `expected an attribute name after ".", found ${this.describe(i)}`,
          i,
        );
        break;
      }
    }
    const each = this.attachSteps(item, base);
    return { kind: 'splat', source, each, attrOnly: true, range: { start: from.range.start, end: each.range.end } };
  }

  /** `[*]` followed by any attribute and index steps, all applied to each element. */
  private parseFullSplat(from: Expression, source: Expression, openIdx: number): Expression {
    this.read(); // *
    const closeIdx = this.peekIdx();
    if (this.kind[closeIdx] === L.T_CBRACK) {
      this.read();
    } else {
      this.error(`expected "]" after "[*", found ${this.describe(closeIdx)}`, closeIdx);
      this.skipTo(L.T_CBRACK);
    }
    const item: SplatItemExpr = { kind: 'splatItem', range: this.rangeBetween(openIdx, this.lastIdx) };
    if (!this.enter(openIdx)) return this.invalid(openIdx);
    const each = this.failed ? item : this.parsePostfix(item);
    this.depth--;
    return { kind: 'splat', source, each, attrOnly: false, range: { start: from.range.start, end: each.range.end } };
  }

  /** The key of `[key]` after the opening bracket; the range of the brackets is left in `indexRange`. */
  private parseIndexKey(openIdx: number): Expression {
    this.pushNewlines(false);
    const key = this.parseExpression();
    let closed: boolean;
    if (this.failed) {
      closed = this.skipTo(L.T_CBRACK);
    } else {
      const i = this.peekIdx();
      if (this.kind[i] === L.T_CBRACK) {
        this.read();
        closed = true;
      } else {
        this.error(`expected "]" to close the index, found ${this.describe(i)}`, i);
        closed = this.skipTo(L.T_CBRACK);
      }
    }
    this.popNewlines();
    this.indexRange = { start: this.startPos(openIdx), end: closed ? this.endPos(this.lastIdx) : key.range.end };
    return key;
  }

  private parseFunctionCall(nameIdx: number): Expression {
    let name = this.tokenText(nameIdx);
    let nameEnd = this.endPos(nameIdx);
    let openIdx = this.read();
    while (this.kind[openIdx] === L.T_DOUBLE_COLON) {
      const part = this.read();
      if (this.kind[part] !== L.T_IDENT) {
        this.error(`expected a function name after "${shown(name)}::", found ${this.describe(part)}`, part);
        return { kind: 'invalid', range: this.rangeBetween(nameIdx, part) };
      }
      name += `::${this.tokenText(part)}`;
      nameEnd = this.endPos(part);
      openIdx = this.read();
    }
    if (this.kind[openIdx] !== L.T_OPAREN) {
      this.error(`expected "(" after the function name "${shown(name)}", found ${this.describe(openIdx)}`, openIdx);
      return { kind: 'invalid', range: this.rangeBetween(nameIdx, openIdx) };
    }
    const nameRange: Range = { start: this.startPos(nameIdx), end: nameEnd };
    const stack = this.exprStack;
    const base = stack.top;
    let expandFinal = false;
    let closed: boolean;
    this.pushNewlines(false);
    for (;;) {
      const next = this.peekKind();
      if (next === L.T_CPAREN) {
        this.read();
        closed = true;
        break;
      }
      if (next === L.T_EOF) {
        this.unclosed(`the call to "${shown(name)}" has no closing ")"`, nameIdx);
        closed = false;
        break;
      }
      stack.push(this.parseExpression());
      if (this.failed) {
        closed = this.skipTo(L.T_CPAREN);
        break;
      }
      const sep = this.peekIdx();
      const k = this.kind[sep];
      if (k === L.T_CPAREN) {
        this.read();
        closed = true;
        break;
      }
      if (k === L.T_ELLIPSIS) {
        this.read();
        expandFinal = true;
        const close = this.peekIdx();
        if (this.kind[close] === L.T_CPAREN) {
          this.read();
          closed = true;
        } else {
          this.error(`expected ")" right after "..." in the call to "${shown(name)}", found ${this.describe(close)}`, close);
          closed = this.skipTo(L.T_CPAREN);
        }
        break;
      }
      if (k !== L.T_COMMA) {
        if (k === L.T_EOF) {
          this.unclosed(`the call to "${shown(name)}" has no closing ")"`, nameIdx);
        } else {
          this.error(`expected "," or ")" after an argument of "${shown(name)}", found ${this.describe(sep)}`, sep);
        }
        closed = this.skipTo(L.T_CPAREN);
        break;
      }
      this.read();
    }
    this.popNewlines();
    const args = stack.take(base);
    const end = closed ? this.endPos(this.lastIdx) : args.length > 0 ? args[args.length - 1].range.end : this.endPos(openIdx);
    const call: FunctionCallExpr = {
      kind: 'functionCall',
      name,
      nameRange,
      args,
      expandFinal,
      range: { start: nameRange.start, end },
    };
    return call;
  }

  /** The items of `[...]` after the bracket; newlines are already ignored. */
  private parseTuple(openIdx: number): Expression {
    const stack = this.exprStack;
    const base = stack.top;
    let closed: boolean;
    for (;;) {
      const next = this.peekKind();
      if (next === L.T_CBRACK) {
        this.read();
        closed = true;
        break;
      }
      if (next === L.T_EOF) {
        this.unclosed(`the list opened at ${this.where(openIdx)} has no closing "]"`, openIdx);
        closed = false;
        break;
      }
      stack.push(this.parseExpression());
      if (this.failed) {
        closed = this.skipTo(L.T_CBRACK);
        break;
      }
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === L.T_CBRACK) {
        this.read();
        closed = true;
        break;
      }
      if (k === L.T_COMMA) {
        this.read();
        continue;
      }
      if (k === L.T_EOF) this.unclosed(`the list opened at ${this.where(openIdx)} has no closing "]"`, openIdx);
      else this.error(`expected "," or "]" after a list item, found ${this.describe(i)}`, i);
      closed = this.skipTo(L.T_CBRACK);
      break;
    }
    const items = stack.take(base);
    const end = closed ? this.endPos(this.lastIdx) : items.length > 0 ? items[items.length - 1].range.end : this.endPos(openIdx);
    return { kind: 'tuple', items, range: { start: this.startPos(openIdx), end } };
  }

  /** The items of `{...}` after the brace; unlike in brackets, newlines separate items. */
  private parseObject(openIdx: number): Expression {
    this.pushNewlines(true);
    const stack = this.itemStack;
    const base = stack.top;
    let closed: boolean;
    for (;;) {
      const first = this.peekIdx();
      const fk = this.kind[first];
      if (fk === L.T_NEWLINE) {
        this.read();
        continue;
      }
      if (fk === L.T_CBRACE) {
        this.read();
        closed = true;
        break;
      }
      if (fk === L.T_EOF) {
        this.unclosed(`the object opened at ${this.where(openIdx)} has no closing "}"`, openIdx);
        closed = false;
        break;
      }
      const key = this.parseExpression();
      if (this.failed) {
        closed = this.skipTo(L.T_CBRACE);
        break;
      }
      const sep = this.peekIdx();
      const sk = this.kind[sep];
      if (sk !== L.T_EQUAL && sk !== L.T_COLON) {
        if (sk === L.T_EOF) {
          this.unclosed(`the object opened at ${this.where(openIdx)} has no closing "}"`, openIdx);
        } else if (sk === L.T_IDENT) {
          this.error(
            `expected "=" after an object key, found ${this.describe(sep)}; put keys that contain dots or spaces in quotes`,
            sep,
          );
        } else if (sk === L.T_NEWLINE || sk === L.T_COMMA) {
          this.error(`expected "=" and a value after the object key, found ${this.describe(sep)}`, sep);
        } else {
          this.error(`expected "=" after an object key, found ${this.describe(sep)}`, sep);
        }
        closed = this.skipTo(L.T_CBRACE);
        break;
      }
      this.read();
      const value = this.parseExpression();
      stack.push({ key, value, range: { start: key.range.start, end: value.range.end } });
      if (this.failed) {
        closed = this.skipTo(L.T_CBRACE);
        break;
      }
      const next = this.peekIdx();
      const nk = this.kind[next];
      if (nk === L.T_CBRACE) {
        this.read();
        closed = true;
        break;
      }
      if (nk === L.T_COMMA || nk === L.T_NEWLINE) {
        this.read();
        continue;
      }
      if (nk === L.T_EOF) this.unclosed(`the object opened at ${this.where(openIdx)} has no closing "}"`, openIdx);
      else this.error(`expected a newline or "," after an object value, found ${this.describe(next)}`, next);
      closed = this.skipTo(L.T_CBRACE);
      break;
    }
    this.popNewlines();
    const items = stack.take(base);
    const end = closed ? this.endPos(this.lastIdx) : items.length > 0 ? items[items.length - 1].range.end : this.endPos(openIdx);
    return { kind: 'object', items, range: { start: this.startPos(openIdx), end } };
  }

  /** After `[` or `{` when the next token is `for`; newlines are already ignored. */
  private parseForExpr(openIdx: number, isObject: boolean): Expression {
    const closer = isObject ? L.T_CBRACE : L.T_CBRACK;
    const closerText = CLOSER_TEXT[closer];
    this.read(); // for
    let i = this.peekIdx();
    if (this.kind[i] !== L.T_IDENT) return this.failFor(openIdx, closer, `expected a variable name after "for", found ${this.describe(i)}`, i);
    this.read();
    let keyVar: string | null = null;
    let valueVar = this.tokenText(i);
    if (this.peekKind() === L.T_COMMA) {
      this.read();
      i = this.peekIdx();
      if (this.kind[i] !== L.T_IDENT) return this.failFor(openIdx, closer, `expected a second variable name after "," in the for expression, found ${this.describe(i)}`, i);
      this.read();
      keyVar = valueVar;
      valueVar = this.tokenText(i);
    }
    i = this.peekIdx();
    if (!this.isKeyword(i, 'in')) return this.failFor(openIdx, closer, `expected "in" after the variable names of the for expression, found ${this.describe(i)}`, i);
    this.read();
    const collection = this.parseExpression();
    if (this.failed) return this.abandonFor(openIdx, closer);
    i = this.peekIdx();
    if (this.kind[i] !== L.T_COLON) return this.failFor(openIdx, closer, `expected ":" after the collection of the for expression, found ${this.describe(i)}`, i);
    this.read();
    let keyExpr: Expression | null = null;
    let valueExpr = this.parseExpression();
    if (!this.failed && this.peekKind() === L.T_FAT_ARROW) {
      this.read();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
    }
    if (this.failed) return this.abandonFor(openIdx, closer);
    let group = false;
    let ellipsisIdx = -1;
    if (this.peekKind() === L.T_ELLIPSIS) {
      ellipsisIdx = this.read();
      group = true;
    }
    let condition: Expression | null = null;
    if (this.isKeyword(this.peekIdx(), 'if')) {
      this.read();
      condition = this.parseExpression();
      if (this.failed) return this.abandonFor(openIdx, closer);
    }
    i = this.peekIdx();
    if (this.kind[i] === closer) {
      this.read();
    } else {
      this.error(`expected "${closerText}" to end the for expression, found ${this.describe(i)}`, i);
      this.skipTo(closer);
    }
    if (!isObject && keyExpr !== null) {
      this.note('a list for expression cannot have a key ("=>"); use {for ...} to build an object', keyExpr.range.start.line, keyExpr.range.start.column);
    }
    if (!isObject && group) {
      this.note('"..." grouping is only valid in an object for expression {for ...}', this.line[ellipsisIdx], this.col[ellipsisIdx]);
    }
    if (isObject && keyExpr === null) {
      this.note(
        'an object for expression needs a key: write {for ... : key => value}',
        valueExpr.range.start.line,
        valueExpr.range.start.column,
      );
    }
    const expr: ForExpr = {
      kind: 'for',
      isObject,
      keyVar,
      valueVar,
      collection,
      keyExpr,
      valueExpr,
      condition,
      group,
      range: { start: this.startPos(openIdx), end: this.endPos(this.lastIdx) },
    };
    return expr;
  }

  private failFor(openIdx: number, closer: number, message: string, at: number): InvalidExpr {
    this.error(message, at);
    return this.abandonFor(openIdx, closer);
  }

  private abandonFor(openIdx: number, closer: number): InvalidExpr {
    this.skipTo(closer);
    return { kind: 'invalid', range: { start: this.startPos(openIdx), end: this.endPos(this.lastIdx) } };
  }

  // ---- templates ----

  private heredocInfo(openIdx: number): { marker: string; flush: boolean } {
    const flush = this.text.charCodeAt(this.start[openIdx] + 2) === 45;
    const markerStart = this.start[openIdx] + (flush ? 3 : 2);
    let markerEnd = markerStart;
    while (markerEnd < this.end[openIdx]) {
      const cp = codePointAt(this.text, markerEnd);
      if (!isIdentContinue(cp)) break;
      markerEnd += cp > 0xffff ? 2 : 1;
    }
    return { marker: this.text.slice(markerStart, markerEnd), flush };
  }

  /** A quoted string or heredoc; interpolated expressions are parsed in this frame to save stack. */
  private parseTemplate(): TemplateExpr {
    const openIdx = this.read();
    const heredoc = this.kind[openIdx] === L.T_OHEREDOC ? this.heredocInfo(openIdx) : undefined;
    const endKind = heredoc === undefined ? L.T_CQUOTE : L.T_CHEREDOC;
    const flat = this.partStack;
    const base = flat.top;
    let hasDirectives = false;
    let trimNextLeft = false;
    let nextCanTrimPrevious = false;
    for (;;) {
      const i = this.read();
      const k = this.kind[i];
      if (k === endKind) break;
      const trimLeft = trimNextLeft;
      trimNextLeft = false;
      const canTrimPrevious = nextCanTrimPrevious;
      nextCanTrimPrevious = false;
      if (k === L.T_QUOTED_LIT || k === L.T_HEREDOC_LIT || k === L.T_QUOTED_LIT_ESCAPED || k === L.T_HEREDOC_LIT_ESCAPED) {
        let value =
          k === L.T_QUOTED_LIT_ESCAPED ? this.decodeQuoted(i) : k === L.T_HEREDOC_LIT_ESCAPED ? this.decodeHeredoc(i) : this.tokenText(i);
        if (trimLeft) value = trimLeftSpace(value);
        flat.push({ kind: 'templateLiteral', value, range: this.tokenRange(i) });
        nextCanTrimPrevious = true;
        continue;
      }
      if (k === L.T_INTERP || k === L.T_CONTROL) {
        const stripLeft = this.end[i] - this.start[i] === 3;
        const previous = flat.top > base ? flat.items[flat.top - 1] : undefined;
        if (stripLeft && canTrimPrevious && previous !== undefined && previous.kind === 'templateLiteral') {
          previous.value = trimRightSpace(previous.value);
        }
        this.pushNewlines(false);
        if (k === L.T_INTERP) {
          trimNextLeft = this.finishInterpolation(i, endKind, this.parseExpression(), stripLeft, flat);
        } else {
          trimNextLeft = this.parseDirective(i, flat);
          hasDirectives = true;
        }
        this.popNewlines();
        continue;
      }
      if (k === L.T_EOF) {
        this.unclosed(`the template opened at ${this.where(openIdx)} is not closed`, openIdx);
        break;
      }
      this.error(`unexpected ${this.describe(i)} in a template`, i);
    }
    if (flat.top === base) {
      const at = this.endPos(openIdx);
      flat.push({ kind: 'templateLiteral', value: '', range: { start: at, end: at } });
    }
    const items = flat.items;
    if (heredoc?.flush === true) flushHeredoc(items, base, flat.top);
    flat.top = meldLiterals(items, base, flat.top);
    for (let i = base; i < flat.top; i++) {
      const part = items[i];
      if (part.kind === 'templateLiteral') part.value = normalizeNfc(part.value);
    }
    const flatParts = flat.take(base);
    const parts = hasDirectives ? nestDirectives(flatParts, this.noteAt) : (flatParts as TemplatePart[]);
    return { kind: 'template', parts, heredoc, range: { start: this.startPos(openIdx), end: this.endPos(this.lastIdx) } };
  }

  /** Consumes the `}` after the expression of `${ expr }`; returns whether it was `~}`. */
  private finishInterpolation(openIdx: number, endKind: number, expr: Expression, stripLeft: boolean, flat: Scratch<FlatPart>): boolean {
    let stripRight = false;
    if (!this.failed && this.peekKind() === L.T_SEQ_END) {
      const close = this.read();
      stripRight = this.end[close] - this.start[close] === 2;
    } else {
      const i = this.peekIdx();
      const k = this.kind[i];
      if (k === L.T_EOF) {
        this.unclosed(`the interpolation "\${" at ${this.where(openIdx)} has no closing "}"`, openIdx);
      } else if (k === endKind && endKind === L.T_CQUOTE) {
        this.error(`the interpolation "\${" at ${this.where(openIdx)} has no closing "}"`, openIdx);
      } else if (k === L.T_COLON) {
        this.error('unexpected ":" in an interpolation; if this "${" is meant literally, escape it as "$${"', i);
      } else {
        this.error(`expected "}" to close the interpolation, found ${this.describe(i)}; if this "\${" is meant literally, escape it as "$\${"`, i);
      }
      this.skipTo(L.T_SEQ_END);
    }
    flat.push({ kind: 'interpolation', expr, stripLeft, stripRight, range: this.rangeBetween(openIdx, this.lastIdx) });
    return stripRight;
  }

  /** Parses `%{ keyword ... }` after the opener; returns whether the closer was `~}`. */
  private parseDirective(openIdx: number, flat: Scratch<FlatPart>): boolean {
    const kw = this.peekIdx();
    if (this.kind[kw] !== L.T_IDENT) {
      this.error(`expected a template keyword (if, for, else, endif, endfor) after "%{", found ${this.describe(kw)}`, kw);
      this.skipTo(L.T_SEQ_END);
      return false;
    }
    this.read();
    const word = this.tokenText(kw);
    let condition: Expression | undefined;
    let forHead: { keyVar: string | null; valueVar: string; collection: Expression } | undefined;
    switch (word) {
      case 'if':
        condition = this.parseExpression();
        break;
      case 'for':
        forHead = this.parseForDirectiveHead();
        if (forHead === undefined) return false;
        break;
      case 'else':
      case 'endif':
      case 'endfor':
        break;
      default:
        this.error(`"${shown(word)}" is not a template keyword; use if, for, else, endif or endfor`, kw);
        this.skipTo(L.T_SEQ_END);
        return false;
    }
    let stripRight = false;
    if (!this.failed && this.peekKind() === L.T_SEQ_END) {
      const close = this.read();
      stripRight = this.end[close] - this.start[close] === 2;
    } else {
      const i = this.peekIdx();
      this.error(`expected "}" to end the "%{${shown(word)}" directive, found ${this.describe(i)}`, i);
      this.skipTo(L.T_SEQ_END);
    }
    const range = this.rangeBetween(openIdx, this.lastIdx);
    if (condition !== undefined) flat.push({ kind: 'if', condition, range });
    else if (forHead !== undefined) flat.push({ kind: 'for', ...forHead, range });
    else flat.push({ kind: word as 'else' | 'endif' | 'endfor', range });
    return stripRight;
  }

  private parseForDirectiveHead(): { keyVar: string | null; valueVar: string; collection: Expression } | undefined {
    let i = this.peekIdx();
    if (this.kind[i] !== L.T_IDENT) {
      this.error(`expected a variable name after "%{for", found ${this.describe(i)}`, i);
      this.skipTo(L.T_SEQ_END);
      return undefined;
    }
    this.read();
    let keyVar: string | null = null;
    let valueVar = this.tokenText(i);
    if (this.peekKind() === L.T_COMMA) {
      this.read();
      i = this.peekIdx();
      if (this.kind[i] !== L.T_IDENT) {
        this.error(`expected a second variable name after "," in the for directive, found ${this.describe(i)}`, i);
        this.skipTo(L.T_SEQ_END);
        return undefined;
      }
      this.read();
      keyVar = valueVar;
      valueVar = this.tokenText(i);
    }
    i = this.peekIdx();
    if (!this.isKeyword(i, 'in')) {
      this.error(`expected "in" after the variable names of the for directive, found ${this.describe(i)}`, i);
      this.skipTo(L.T_SEQ_END);
      return undefined;
    }
    this.read();
    return { keyVar, valueVar, collection: this.parseExpression() };
  }

  /** Decodes a quoted-string literal token: backslash escapes plus `$${` and `%%{`. */
  private decodeQuoted(i: number): string {
    const text = this.text;
    const s = this.start[i];
    const e = this.end[i];
    let out = '';
    let segment = s;
    let p = s;
    while (p < e) {
      const c = text.charCodeAt(p);
      if (c === 92) {
        out += text.slice(segment, p);
        const n = text.charCodeAt(p + 1);
        let consumed = 2;
        switch (n) {
          case 110:
            out += '\n';
            break;
          case 114:
            out += '\r';
            break;
          case 116:
            out += '\t';
            break;
          case 34:
            out += '"';
            break;
          case 92:
            out += '\\';
            break;
          case 117:
          case 85: {
            const digits = n === 117 ? 4 : 8;
            const hex = text.slice(p + 2, Math.min(p + 2 + digits, e));
            if (hex.length === digits && /^[0-9A-Fa-f]+$/.test(hex)) {
              const cp = parseInt(hex, 16);
              if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                this.escapeError(i, p, `"\\${text[p + 1]}${hex}" is not a valid Unicode character`);
              } else {
                out += String.fromCodePoint(cp);
              }
              consumed = 2 + digits;
            } else {
              this.escapeError(i, p, `"\\${text[p + 1]}" must be followed by ${digits} hexadecimal digits`);
            }
            break;
          }
          default:
            if (p + 1 >= e) {
              this.escapeError(i, p, 'a backslash must be followed by an escape character');
              consumed = 1;
            } else {
              this.escapeError(i, p, `"\\${text[p + 1]}" is not a valid escape sequence (use \\\\ for a literal backslash)`);
              out += text[p + 1];
            }
        }
        p += consumed;
        segment = p;
      } else if ((c === 36 || c === 37) && text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === 123) {
        out += text.slice(segment, p + 1);
        out += '{';
        p += 3;
        segment = p;
      } else {
        p++;
      }
    }
    return segment === s ? this.slice(s, e) : out + text.slice(segment, e);
  }

  private escapeError(i: number, p: number, detail: string): void {
    this.note(`invalid escape sequence: ${detail}`, this.line[i], this.col[i] + (p - this.start[i]));
  }

  /** Heredoc lines keep backslashes; only `$${` and `%%{` are escapes. */
  private decodeHeredoc(i: number): string {
    const text = this.text;
    const s = this.start[i];
    const e = this.end[i];
    let out = '';
    let segment = s;
    for (let p = s; p < e; p++) {
      const c = text.charCodeAt(p);
      if ((c === 36 || c === 37) && text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === 123) {
        out += text.slice(segment, p + 1);
        segment = p + 2;
        p++;
      }
    }
    return segment === s ? this.slice(s, e) : out + text.slice(segment, e);
  }
}

