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

describe('words the views show come from public/_locales', () => {
  it.each(views)('%s should show no hard-coded word', (file) => {
    expect(hardCodedWords(file)).toEqual([]);
  });
});
