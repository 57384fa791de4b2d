import { useEffect, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/error-explainer';
import { t } from './i18n';

type Explainer = typeof import('@/lib/error-explainer');

// Which codes have an explanation matters only once an error shows: the list loads in its own chunk, started as soon
// as a view starts (so it is there before the first error, in practice), and kept out of what the popup must load
// before it can show the user. The words themselves are the browser's (public/_locales).
let explainer: Explainer | null = null;
const loading: Promise<Explainer> = import('@/lib/error-explainer').then((module) => (explainer = module));

/** The likely cause and fix for `code` (and its `details`); undefined for an unknown code, or for a moment while they load. */
export function useExplanation(code: string, details?: unknown): Explanation | undefined {
  const [, setLoaded] = useState(explainer !== null);
  useEffect(() => {
    if (!explainer) void loading.then(() => setLoaded(true));
  }, []);
  return explainer?.explainError(code, t, details);
}
