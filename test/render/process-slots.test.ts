// The kustomize processes of a run alive at once (scripts/lib/render/process-slots.ts): never more than the
// slots, and a slot is handed over before the run that ends goes on to its own work (parsing and checking),
// so the next kustomize starts first.
import { describe, expect, it } from 'vitest';
import { ProcessSlots } from '../../scripts/lib/render/process-slots.ts';

/** A run whose end the test decides: `finish()` settles what `start` returned. */
function controlled() {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish: () => finish() };
}

describe('process slots', () => {
  it('keeps at most `size` runs alive and starts each waiting run once one ends', async () => {
    const slots = new ProcessSlots(2);
    const runs = Array.from({ length: 5 }, controlled);
    let alive = 0;
    let most = 0;
    const started: number[] = [];
    const all = runs.map((run, index) =>
      slots.run(async () => {
        started.push(index);
        alive += 1;
        most = Math.max(most, alive);
        await run.done;
        alive -= 1;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    for (const run of runs) {
      run.finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('starts the next run before the run that ended continues', async () => {
    const slots = new ProcessSlots(1);
    const order: string[] = [];
    const first = controlled();
    const ended = slots.run(() => first.done).then(() => order.push('first continues'));
    const next = slots.run(async () => {
      order.push('next started');
    });
    first.finish();
    await Promise.all([ended, next]);
    expect(order).toEqual(['next started', 'first continues']);
  });

  it('gives the slot back when a run fails', async () => {
    const slots = new ProcessSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('kustomize could not start')))).rejects.toThrow('could not start');
    await expect(slots.run(async () => 'ran')).resolves.toBe('ran');
  });
});
