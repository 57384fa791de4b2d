import { useEffect, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/error-explainer';

type Explainer = typeof import('@/lib/error-explainer');

// The explanations are most of the error registry's text and only matter once an error shows: they load
// in their own chunk, started as soon as a view starts (so it is there before the first error, in practice),
// and kept out of what the popup must load before it can show the user.
let explainer: Explainer | null = null;
const loading: Promise<Explainer> = import('@/lib/error-explainer').then((module) => (explainer = module));

/** The likely cause and fix for `code`; undefined for an unknown code, or for a moment while they load. */
export function useExplanation(code: string): Explanation | undefined {
  const [, setLoaded] = useState(explainer !== null);
  useEffect(() => {
    if (!explainer) void loading.then(() => setLoaded(true));
  }, []);
  return explainer?.explainError(code);
}
