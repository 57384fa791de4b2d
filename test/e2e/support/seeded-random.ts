/**
 * A small deterministic random source (mulberry32), so a randomised suite prints its seed and a failing
 * script can be replayed exactly: `E2E_SEED=<seed> npx vitest run -c vitest.e2e.config.ts <file>`.
 */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** The seed from `E2E_SEED` when set (decimal or 0x-hex), else `fallback`. */
export function seedFromEnvironment(fallback: number): number {
  const raw = process.env.E2E_SEED;
  if (!raw) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed)) throw new Error(`E2E_SEED must be an integer, got "${raw}"`);
  return parsed >>> 0;
}

/** How many rounds of its deck of moments a soak plays: `E2E_SOAK_ROUNDS` when set (a positive integer), else 1. */
export function soakRoundsFromEnvironment(): number {
  const raw = process.env.E2E_SOAK_ROUNDS;
  if (!raw) return 1;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`E2E_SOAK_ROUNDS must be a positive integer, got "${raw}"`);
  return parsed;
}
