/**
 * The messages of the codes a view raises itself (the panel reads its inspected page through DevTools), kept apart
 * from the registry (`error-codes.ts`, which takes them from here) so that a view carries them without every code's
 * message: the registry was 6.8 kB of the panel's one file.
 */
export const VIEW_ERROR_MESSAGES = {
  ERR_PAGE_SCRIPT: 'The inspected page cannot be read (is it a browser page or still loading?).',
} as const;
