/**
 * Timed events on the virtual clock, processed strictly in time order (ties in the order they were
 * scheduled). Every simulated service (SageMaker now; auto scaling, alarms and schedules later)
 * schedules its work here, so advancing the clock by an hour in one call gives the same result as
 * letting an hour pass.
 */
export interface ScheduledEvent {
  readonly id: number;
  readonly at: number;
  readonly label: string;
  readonly run: (at: number) => void;
  cancelled: boolean;
}

export class EventQueue {
  private events: ScheduledEvent[] = [];
  private nextId = 1;

  schedule(at: number, label: string, run: (at: number) => void): ScheduledEvent {
    const event: ScheduledEvent = { id: this.nextId++, at, label, run, cancelled: false };
    // Binary search for the insertion point after every event at the same or an earlier time.
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid].at <= at) low = mid + 1;
      else high = mid;
    }
    this.events.splice(low, 0, event);
    return event;
  }

  cancel(event: ScheduledEvent | undefined): void {
    if (!event) return;
    event.cancelled = true;
    const index = this.events.indexOf(event);
    if (index >= 0) this.events.splice(index, 1);
  }

  /** Time of the earliest pending event, if any. */
  peekTime(): number | undefined {
    return this.events[0]?.at;
  }

  /** Removes and returns the earliest event due at or before `time`. */
  popDue(time: number): ScheduledEvent | undefined {
    const first = this.events[0];
    if (!first || first.at > time) return undefined;
    this.events.shift();
    return first;
  }

  get size(): number {
    return this.events.length;
  }

  clear(): void {
    for (const event of this.events) event.cancelled = true;
    this.events = [];
  }

  pending(): readonly { at: number; label: string }[] {
    return this.events.map((event) => ({ at: event.at, label: event.label }));
  }
}
