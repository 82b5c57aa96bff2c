// A cheap syntax check for PromQL: brackets pair up and quoted strings close. Not a parser.

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** A description of the first imbalance, or undefined when brackets and quotes balance. */
export function imbalance(expression: string): string | undefined {
  const stack: Array<{ char: string; at: number }> = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < expression.length; i++) {
    const char = expression.charAt(i);
    if (quote) {
      // Backquoted strings are raw in PromQL; the others take backslash escapes.
      if (char === '\\' && quote.char !== '`') i++;
      else if (char === quote.char) quote = undefined;
      continue;
    }
    if (char === '#') {
      // A comment runs to the end of the line.
      const end = expression.indexOf('\n', i);
      if (end === -1) break;
      i = end;
    } else if (char === '"' || char === "'" || char === '`') quote = { char, at: i };
    else if (char === '(' || char === '[' || char === '{') stack.push({ char, at: i });
    else if (char in CLOSERS) {
      const open = stack.pop();
      if (!open || open.char !== CLOSERS[char]) return `unexpected "${char}" at offset ${i}`;
    }
  }
  if (quote) return `unterminated ${quote.char} string from offset ${quote.at}`;
  const open = stack.pop();
  if (open) return `unclosed "${open.char}" at offset ${open.at}`;
  return undefined;
}
