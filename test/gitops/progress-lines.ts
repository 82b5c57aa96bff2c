/** The progress lines of a run, sorted (sources load concurrently): each source with the reason discovery gives. */
export function checkedSources(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => /^[✓✗] /.test(line))
    .map((line) => {
      const name = line.split(' ')[1]!;
      const why = /\((reconciled by [^,]+|holds [^(]+\([^)]*\))/.exec(line)?.[1];
      return why === undefined ? name : `${name} <- ${why}`;
    })
    .sort();
}
