/** Lets at most `limit` holders in at once; the others wait their turn in order. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Waits for a slot; call the returned function once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.held < this.limit && this.waiting.length === 0) this.held++;
    // A slot given back is handed straight to the first waiter: `held` never drops in between,
    // so an acquire() arriving before the waiter runs cannot take the same slot.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held--;
    };
  }
}
