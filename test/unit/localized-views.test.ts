import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Attributes a person reads or hears. */
const WORDY_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt']);
/** A word: two letters or more (a lone "·" or "…" between substitutions is punctuation, not a word). */
const HAS_WORD = /\p{L}{2,}/u;

/** The hard-coded words of a view: JSX text, a wordy attribute's literal, a literal shown as a JSX child. */
function hardCodedWords(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(resolve(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const shown = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (HAS_WORD.test(node.text)) found.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      if (parts.some((part) => HAS_WORD.test(part))) found.push(node.getText(source));
    } else if (ts.isConditionalExpression(node)) {
      shown(node.whenTrue);
      shown(node.whenFalse);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      shown(node.right);
    } else if (ts.isParenthesizedExpression(node)) {
      shown(node.expression);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && HAS_WORD.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && WORDY_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) shown(value);
      else if (value && ts.isJsxExpression(value)) shown(value.expression);
    }
    if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent)) shown(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const views = ['components', 'entrypoints']
  .flatMap((dir) => readdirSync(resolve(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)))
  .filter((file) => file.endsWith('.tsx'))
  .sort();

/** Two words, or a word and more (`tab …`): a phrase someone reads, not a name in code. */
const HAS_PHRASE = /\p{L}{2,}\s+\S/u;

/**
 * The hard-coded phrases of a module that makes words but shows none itself (a `lib/` function takes a `Words`, a
 * view's helper calls `t()`): a literal holding a phrase, or a template literal that composes one (`SDK ${version}`).
 * Names in code are one word each ('socket', 'page-agent', a message key) and pass, and so would one shown word alone:
 * the pseudo-locale e2e test catches those on screen.
 */
function hardCodedPhrases(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(resolve(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && HAS_PHRASE.test(node.text)) found.push(node.text);
    if (ts.isTemplateExpression(node)) {
      // Each substitution stands for a value, "x" here: `SDK ${version}` reads "SDK x", a phrase.
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('x');
      if (HAS_PHRASE.test(text)) found.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The modules that make the words views show: lib's (their words come from the caller) and the views' helpers. */
const wordMakers = [
  'lib/badge.ts',
  'lib/display.ts',
  'lib/error-explainer.ts',
  'lib/event-facts.ts',
  'lib/new-user-errors.ts',
  'lib/timeline.ts',
  ...readdirSync(resolve(ROOT, 'components'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join('components', file)),
].sort();

describe('words the views show come from public/_locales', () => {
  it.each(views)('%s should show no hard-coded word', (file) => {
    expect(hardCodedWords(file)).toEqual([]);
  });

  it.each(wordMakers)('%s should make no hard-coded phrase', (file) => {
    expect(hardCodedPhrases(file)).toEqual([]);
  });
});
