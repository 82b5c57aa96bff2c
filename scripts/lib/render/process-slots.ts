// How many kustomize processes of one run are alive at once. A slot is held only while kustomize runs, not
// while its output is parsed and checked: the run prepares the next overlays (guard walk, render key,
// wrapper) ahead, and a finished render hands its slot straight to the next one, which starts before this
// process turns to checking the finished output. Checking (one thread) and rendering (child processes)
// then overlap instead of taking turns.

export class ProcessSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, Math.floor(size));
  }

  /**
   * Runs `start` when a slot is free and holds the slot until what it returns settles. `start` should start
   * its process synchronously: a waiting run is resumed as soon as a slot is handed to it.
   */
  async run<T>(start: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resume) => this.waiting.push(resume));
    try {
      return await start();
    } finally {
      const next = this.waiting.shift();
      // Handed over, not freed: nothing can take the slot between this release and the next run's start.
      if (next) next();
      else this.free += 1;
    }
  }
}
