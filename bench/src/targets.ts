/** One row of the bench table: a figure, its measured value, and the target it is held to. */
export interface BenchRow {
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  /** Same-run reference the target is relative to (the raw baseline), when there is one. */
  readonly baseline?: number;
  readonly target: string;
  /** Whether the measured value meets the target. */
  readonly met: boolean;
}

export function atMost(figure: string, value: number, unit: string, limit: number, target: string, baseline?: number): BenchRow {
  return { figure, value, unit, target, met: value <= limit, ...(baseline !== undefined ? { baseline } : {}) };
}

export function atLeast(figure: string, value: number, unit: string, floor: number, target: string, baseline?: number): BenchRow {
  return { figure, value, unit, target, met: value >= floor, ...(baseline !== undefined ? { baseline } : {}) };
}

export function printTable(rows: readonly BenchRow[]): void {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  console.log(line(["figure", "measured", "raw baseline", "target", "met"]));
  console.log(line(["---", "---:", "---:", "---", "---"]));
  for (const row of rows) {
    const baseline = row.baseline === undefined ? "" : `${row.baseline} ${row.unit}`;
    console.log(line([row.figure, `${row.value} ${row.unit}`, baseline, row.target, row.met ? "yes" : "NO"]));
  }
}
