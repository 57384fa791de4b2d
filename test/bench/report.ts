import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Summary } from './stats';

/** One line of the bench table. */
export interface Row {
  figure: string;
  /** The median (or the size, count or ratio) as printed. */
  measured: string;
  /** What the same work costs without the extension's code, measured in the same run ('' when there is none). */
  floor: string;
  overhead: string;
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
    /** A timing; `floor` is subtracted when given, and the budget then applies to the overhead. */
    timing(figure: string, summary: Summary, { floor, budget }: { floor?: Summary; budget?: number } = {}) {
      const overhead = floor ? summary.median - floor.median : undefined;
      json[figure] = { ...summary, ...(floor ? { floor, overhead } : {}), ...(budget !== undefined ? { budget } : {}) };
      rows.push({
        figure,
        measured: `${ms(summary.median)} (n=${summary.runs})`,
        floor: floor ? ms(floor.median) : '',
        overhead: overhead === undefined ? '' : ms(overhead),
        budget: budget === undefined ? '' : `${floor ? 'overhead ' : ''}≤ ${budget} ms`,
        pass: budget === undefined ? null : (overhead ?? summary.median) <= budget,
      });
    },
    size(figure: string, bytes: number, budgetBytes?: number) {
      json[figure] = bytes;
      rows.push({
        figure,
        measured: kb(bytes),
        floor: '',
        overhead: '',
        budget: budgetBytes ? `≤ ${kb(budgetBytes)}` : '',
        pass: budgetBytes ? bytes <= budgetBytes : null,
      });
    },
    /** Any other figure (a count, a ratio), with its JSON value. */
    other(figure: string, value: unknown, measured: string, budget = '', pass: boolean | null = null) {
      json[figure] = value;
      rows.push({ figure, measured, floor: '', overhead: '', budget, pass });
    },
    print() {
      const header = ['figure', 'measured (median)', 'floor', 'overhead', 'budget', 'pass/fail'];
      const cells = rows.map((row) => [
        row.figure,
        row.measured,
        row.floor,
        row.overhead,
        row.budget,
        row.pass === null ? '' : row.pass ? 'pass' : 'FAIL',
      ]);
      const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
      const line = (cell: string[]) => `| ${cell.map((text, column) => text.padEnd(widths[column]!)).join(' | ')} |`;
      console.log([line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n'));
      const failed = rows.filter((row) => row.pass === false).map((row) => row.figure);
      console.log(failed.length ? `\nOver budget: ${failed.join('; ')}` : '\nEvery figure is within its budget.');
    },
    write(path: string, runs: number) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify({ measuredAt: new Date().toISOString(), runs, figures: json, rows }, null, 2));
    },
  };
}
