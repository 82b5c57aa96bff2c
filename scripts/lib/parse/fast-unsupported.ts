// The fast YAML reader's one way out: a construct it does not read throws `Unsupported`, and the caller hands
// that document to the `yaml` package. Never a user-facing error.
export class Unsupported extends Error {}

export function unsupported(): never {
  throw new Unsupported();
}
