// What a Markdown renderer would read as markup once code spans and fenced blocks are taken out: the tests
// assert that nothing an attacker wrote is left there.

/** Removes fenced code blocks (a fence closes only with a run of at least its length) and code spans. */
export function stripMarkdownCode(markdown: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (new RegExp(`^${fence}\`*\\s*$`).test(line)) fence = undefined;
      continue;
    }
    const open = /^(`{3,})/.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    kept.push(stripSpans(line));
  }
  return kept.join('\n');
}

/** A code span opens with a run of N backticks and closes at the next run of exactly N. */
function stripSpans(line: string): string {
  let out = '';
  let at = 0;
  while (at < line.length) {
    const start = line.indexOf('`', at);
    if (start === -1) break;
    let length = 0;
    while (line[start + length] === '`') length++;
    let close = start + length;
    let found = -1;
    while (close < line.length) {
      const next = line.indexOf('`', close);
      if (next === -1) break;
      let run = 0;
      while (line[next + run] === '`') run++;
      if (run === length) {
        found = next;
        break;
      }
      close = next + run;
    }
    if (found === -1) {
      out += line.slice(at, start + length);
      at = start + length;
      continue;
    }
    out += line.slice(at, start);
    at = found + length;
  }
  return out + line.slice(at);
}
