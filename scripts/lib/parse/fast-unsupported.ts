// The fast YAML reader's one way out: a construct it does not read throws `Unsupported`, and the caller hands
// that document to the `yaml` package. Never a user-facing error.
export class Unsupported extends Error {}

/** One instance, thrown every time: building an Error (and its stack) per hand-over would cost more than reading. */
const UNSUPPORTED = new Unsupported('the fast YAML reader hands this document to the full parser');

export function unsupported(): never {
  throw UNSUPPORTED;
}
