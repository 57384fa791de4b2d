/** Summary of repeated measurements: the median, and the 10th–90th percentile spread. */
export interface Summary {
  median: number;
  p10: number;
  p90: number;
  runs: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(fraction * (sorted.length - 1))))]!;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), runs: sorted.length };
}

/** Runs `measure` `runs` times (after `warmup` unrecorded runs) and summarizes. */
export async function repeat(runs: number, measure: (index: number) => Promise<number>, warmup = 2): Promise<Summary> {
  for (let index = 0; index < warmup; index++) await measure(-1 - index);
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) samples.push(await measure(index));
  return summarize(samples);
}

/** A figure measured beside its floor: each one's summary, and the summary of the ratio figure / floor pair by pair. */
export interface Paired {
  floor: Summary;
  figure: Summary;
  /** figure ÷ floor of each pair (run i's figure over run i's floor): its median and its p10–p90 spread. */
  ratio: Summary;
}

/**
 * Alternates `floor` and `figure` run by run (after two unrecorded rounds), so drift on a loaded machine hits both
 * alike; the ratio of each pair is what the budget checks (a machine 2.4× slower moved both, not their ratio).
 */
export async function paired(runs: number, floor: () => Promise<number>, figure: () => Promise<number>): Promise<Paired> {
  const floors: number[] = [];
  const figures: number[] = [];
  for (let index = -2; index < runs; index++) {
    const [floorMs, figureMs] = [await floor(), await figure()];
    if (index < 0) continue;
    floors.push(floorMs);
    figures.push(figureMs);
  }
  return pairUp(floors, figures);
}

/**
 * `paired` with two floors for one figure: each round takes both floors (in turn first, so neither is always the one
 * just before the figure) and then the figure, and each floor's ratios are of the same figures, taken in the same
 * minutes. Two pairings run one after the other saw the figure's median move by up to 11 ms between them (~0.1 of a
 * ratio), on a machine that slowed or sped up meanwhile.
 */
export async function pairedWithTwoFloors(
  runs: number,
  first: () => Promise<number>,
  second: () => Promise<number>,
  figure: () => Promise<number>,
): Promise<[Paired, Paired]> {
  const firsts: number[] = [];
  const seconds: number[] = [];
  const figures: number[] = [];
  for (let index = -2; index < runs; index++) {
    let firstMs: number;
    let secondMs: number;
    if (index % 2 === 0) {
      firstMs = await first();
      secondMs = await second();
    } else {
      secondMs = await second();
      firstMs = await first();
    }
    const figureMs = await figure();
    if (index < 0) continue;
    firsts.push(firstMs);
    seconds.push(secondMs);
    figures.push(figureMs);
  }
  return [pairUp(firsts, figures), pairUp(seconds, figures)];
}

/** Summaries of samples taken in pairs (run i's floor beside run i's figure), with the ratio of each pair. */
export function pairUp(floors: number[], figures: number[]): Paired {
  return { floor: summarize(floors), figure: summarize(figures), ratio: summarize(figures.map((ms, index) => ms / floors[index]!)) };
}
