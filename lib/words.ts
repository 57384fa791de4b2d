import type messages from '../public/_locales/en/messages.json';

/** A message of `public/_locales/<lang>/messages.json`: a key that is not there does not compile. */
export type MessageKey = keyof typeof messages;

/**
 * The words of a message in the reader's language, its `$1`, `$2` … filled from `substitutions`. `lib/` never reads
 * the browser: a function that says something takes this from its caller (a view's `t`, the background's own).
 */
export type Words = (key: MessageKey, ...substitutions: string[]) => string;
