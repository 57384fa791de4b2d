import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Marks every pseudo-localized message, so a test can tell localized words from hard-coded ones and from data. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'aceinosuyzACEINOSUYZ'].map((letter, index) => [letter, [...'áçéíñóšúýžÁÇÉÍÑÓŠÚÝŽ'][index]!]),
);

/**
 * English words as a pseudo-locale shows them: letters accented, `$1` … `$9` left for their substitutions, 40% longer
 * (one unbreakable run of "ẋ", the hardest case for a layout), and marked at both ends.
 */
export function pseudoLocalize(message: string): string {
  const accented = message.replace(/\$\d|./gu, (part) => (part.length === 2 ? part : (ACCENTED[part] ?? part)));
  return `${PSEUDO_OPEN}${accented} ${'ẋ'.repeat(Math.ceil(message.length * 0.4))}${PSEUDO_CLOSE}`;
}

/** A copy of the unpacked build in `from` whose English messages are pseudo-localized; `remove` deletes it. */
export function pseudoLocalizedBuild(from: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-e2e-pseudo-'));
  cpSync(from, dir, { recursive: true });
  const path = join(dir, '_locales/en/messages.json');
  const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { message: string; description?: string }>;
  for (const entry of Object.values(messages)) entry.message = pseudoLocalize(entry.message);
  writeFileSync(path, JSON.stringify(messages));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
