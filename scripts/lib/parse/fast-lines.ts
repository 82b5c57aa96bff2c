// What the fast YAML reader asks of one line of text.

export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

/** Empty, only spaces, or only a comment. */
export function isBlank(line: string): boolean {
  const i = indentOf(line);
  return i === line.length || line[i] === '#';
}

/** `-` at `indent`, then a space or the end of the line. */
export function isSequenceEntry(line: string, indent: number): boolean {
  return line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ');
}

/** A document start (`---`) or end (`...`) marker. */
export function isMarker(line: string): boolean {
  return (line.startsWith('---') || line.startsWith('...')) && (line.length === 3 || line[3] === ' ');
}
