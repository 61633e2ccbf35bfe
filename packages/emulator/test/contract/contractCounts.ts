/** What a contract test exercised, printed at the end of its run (the numbers issue 16's closing note reports). */
export class ContractCounts {
  private readonly counts = new Map<string, number>();

  add(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** One line: `title: name n, name n, …` in insertion order. */
  line(title: string): string {
    return `${title}: ${[...this.counts].map(([name, count]) => `${name} ${count}`).join(', ')}`;
  }
}
