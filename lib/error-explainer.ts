import { EXPLANATIONS, type Explanation } from './cometchat/error-explanations';

export type { Explanation };

/** The cause and fix for `code`, or undefined for a code the registry does not declare (a server may send new ones). */
export function explainError(code: string): Explanation | undefined {
  return Object.hasOwn(EXPLANATIONS, code) ? EXPLANATIONS[code as keyof typeof EXPLANATIONS] : undefined;
}
