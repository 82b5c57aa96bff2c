// Whether a .sourceignore (gitignore syntax, as Flux's source-controller reads it) leaves a top-level
// directory out of the artifact. Patterns apply in order and the last one that matches wins, so Flux's own
// allow-list form (`/*` to exclude everything, then `!/apps/` to take one directory back) works.

/** True when the patterns exclude the top-level directory `name` (and so everything in it). */
export function excludesTopLevel(text: string, name: string): boolean {
  let excluded = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = negated ? line.slice(1) : line;
    if (matchesTopLevel(pattern, name)) excluded = !negated;
  }
  return excluded;
}

function matchesTopLevel(pattern: string, name: string): boolean {
  // A trailing slash only says "directories": the names asked about are directories.
  let rest = pattern.replace(/\/+$/, '');
  // `dir/**` excludes everything inside `dir`, which for an artifact is the same as excluding `dir`.
  rest = rest.replace(/\/\*\*$/, '');
  // `**/dir` matches at any depth, the top level included; a leading `/` anchors at the root.
  rest = rest.replace(/^\*\*\//, '').replace(/^\//, '');
  // A pattern with a slash left names something deeper than the top level: it does not exclude the directory.
  if (rest === '' || rest.includes('/')) return false;
  return globToRegExp(rest).test(name);
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (const char of glob) {
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
