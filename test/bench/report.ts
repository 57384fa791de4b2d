import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Paired, Summary } from './stats';

/** One line of the bench table. */
export interface Row {
  figure: string;
  /** figure ÷ floor: the median of the pairs' ratios and their p10–p90 spread ('' without a floor). */
  ratio: string;
  /** The median (or the size, count or ratio) as printed. */
  measured: string;
  /** What the same work costs without the extension's code, measured in the same run ('' when there is none). */
  floor: string;
  budget: string;
  /** null: no budget. */
  pass: boolean | null;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Collects the figures of one bench run, prints them as one table and writes them as JSON. */
export function createReport() {
  const rows: Row[] = [];
  const json: Record<string, unknown> = {};
  return {
    /** A timing on its own; its budget, if any, in milliseconds. */
    timing(figure: string, summary: Summary, { budget }: { budget?: number } = {}) {
      json[figure] = { ...summary, ...(budget !== undefined ? { budget } : {}) };
      rows.push({
        figure,
        ratio: '',
        measured: `${ms(summary.median)} (n=${summary.runs})`,
        floor: '',
        budget: budget === undefined ? '' : `≤ ${budget} ms`,
        pass: budget === undefined ? null : summary.median <= budget,
      });
    },
    /**
     * A timing beside its floor, measured in the same run: the budget is on the ratio (figure ÷ floor, the median of the
     * pairs' ratios), which holds across machines where milliseconds do not.
     */
    ratio(figure: string, { figure: summary, floor, ratio }: Paired, budget?: number) {
      json[figure] = { ...summary, floor, ratio, ...(budget !== undefined ? { budget } : {}) };
      rows.push({
        figure,
        ratio: `${ratio.median.toFixed(2)} (${ratio.p10.toFixed(2)}–${ratio.p90.toFixed(2)})`,
        measured: `${ms(summary.median)} (n=${summary.runs})`,
        floor: ms(floor.median),
        budget: budget === undefined ? '' : `≤ ${budget.toFixed(2)}×`,
        pass: budget === undefined ? null : ratio.median <= budget,
      });
    },
    size(figure: string, bytes: number, budgetBytes?: number) {
      json[figure] = bytes;
      rows.push({
        figure,
        ratio: '',
        measured: kb(bytes),
        floor: '',
        budget: budgetBytes ? `≤ ${kb(budgetBytes)}` : '',
        pass: budgetBytes ? bytes <= budgetBytes : null,
      });
    },
    /** Any other figure (a count, a ratio), with its JSON value. */
    other(figure: string, value: unknown, measured: string, budget = '', pass: boolean | null = null) {
      json[figure] = value;
      rows.push({ figure, ratio: '', measured, floor: '', budget, pass });
    },
    print() {
      const header = ['figure', 'ratio to floor (p10–p90)', 'measured (median)', 'floor', 'budget', 'pass/fail'];
      const cells = rows.map((row) => [
        row.figure,
        row.ratio,
        row.measured,
        row.floor,
        row.budget,
        row.pass === null ? '' : row.pass ? 'pass' : 'FAIL',
      ]);
      const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
      const line = (cell: string[]) => `| ${cell.map((text, column) => text.padEnd(widths[column]!)).join(' | ')} |`;
      console.log([line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n'));
      const failed = rows.filter((row) => row.pass === false).map((row) => row.figure);
      console.log(failed.length ? `\nOver budget: ${failed.join('; ')}` : '\nEvery figure is within its budget.');
      return failed;
    },
    write(path: string, runs: number) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify({ measuredAt: new Date().toISOString(), runs, figures: json, rows }, null, 2));
    },
  };
}
