/**
 * User Timing marks for the steps of one run of a job (the page switch, a login): `<job>:start`, then `<job>:<step>` as
 * each step ends, the previous run's marks cleared first. The background's DevTools (Performance panel) shows them, and
 * `npm run bench` reads them for the page switch's and the login's breakdowns. They carry no data, only names and times.
 */
export function stepMarks(job: string): (step: string) => void {
  const timing = globalThis.performance;
  for (const entry of timing.getEntriesByType('mark')) if (entry.name.startsWith(`${job}:`)) timing.clearMarks(entry.name);
  timing.mark(`${job}:start`);
  return (step) => void timing.mark(`${job}:${step}`);
}
