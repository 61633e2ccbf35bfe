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
  /** Who scheduled it (a partition's view of the simulation), so that each can list its own events. */
  readonly owner?: object;
  cancelled: boolean;
}

export class EventQueue {
  private events: ScheduledEvent[] = [];
  private nextId = 1;

  schedule(at: number, label: string, run: (at: number) => void, owner?: object): ScheduledEvent {
    const event: ScheduledEvent = { id: this.nextId++, at, label, run, owner, cancelled: false };
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

  /** Cancels every pending event `owner` scheduled (a partition removed). */
  cancelOwnedBy(owner: object): void {
    for (const event of this.events) if (event.owner === owner) event.cancelled = true;
    this.events = this.events.filter((event) => event.owner !== owner);
  }

  clear(): void {
    for (const event of this.events) event.cancelled = true;
    this.events = [];
  }

  /** The pending events (only `owner`'s when given), in time order. */
  pending(owner?: object): readonly { at: number; label: string }[] {
    return this.events.filter((event) => owner === undefined || event.owner === owner).map((event) => ({ at: event.at, label: event.label }));
  }
}
