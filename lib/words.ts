import type messages from '../public/_locales/en/messages.json';

/** A message of `public/_locales/<lang>/messages.json`: a key that is not there does not compile. */
export type MessageKey = keyof typeof messages;

