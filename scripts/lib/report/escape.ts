// One escaper per output format. Every string that came from the input (resource names, keys, values,
// file and directory names, image references, messages that quote them) goes through the escaper of the
// format it is written in, so that it can only ever be read as data: never as a new line, a terminal
// control sequence, a workflow command, a Markdown heading or an HTML comment, or shell syntax.

/**
 * Characters a terminal or log viewer acts on instead of showing: C0 controls (tab and newline included),
 * DEL, C1 controls (8-bit CSI is one), the line and paragraph separators, and the bidirectional overrides
 * and isolates that make text display in a different order than it is stored ("Trojan Source").
 */
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, except newline: for text whose line breaks the caller lays out itself. */
const UNSAFE_KEEP_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Terminal, one line: every control character shown as an escape (`\n`, `\x1b`, `\u202e`). */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_ONE_LINE, visible);
}

/** Terminal, several lines: as terminalText, but newlines stay for the caller to indent. */
export function terminalLines(text: string): string {
  return text.replace(UNSAFE_KEEP_NEWLINE, visible);
}

/**
 * GitHub workflow command data (`::error …::DATA`): the runner decodes `%25`, `%0D` and `%0A`, and a raw
 * CR or LF would end the command and let the rest start a new one (`::stop-commands::`). Other controls are
 * shown as escapes because the log viewer would otherwise interpret ESC sequences.
 */
export function githubData(text: string): string {
  return text
    .replace(UNSAFE_ONE_LINE, (char) => (char === '\n' || char === '\r' ? char : visible(char)))
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/** Workflow command properties (`file=…,title=…`) also escape `:` and `,`, which end a value. */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The longest run of backticks in the text. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Untrusted text as one Markdown code span. Inside a code span nothing is markup (no emphasis, link, HTML
 * comment or @mention); the fence is one backtick longer than any run inside, so the text cannot close it;
 * line breaks are shown as `\n` because a blank line would end the paragraph and with it the span.
 * `inTable`: GitHub splits table cells on `|` before it sees code spans, so pipes are escaped there.
 */
export function markdownCode(text: string, options: { inTable?: boolean } = {}): string {
  let body = terminalText(text);
  if (options.inTable) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  // A span whose text starts or ends with a backtick (or is all spaces) needs a space of padding.
  const pad = body.startsWith('`') || body.endsWith('`') || (body !== '' && body.trim() === '') ? ' ' : '';
  return body === '' ? '` `' : `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Untrusted text of several lines as a fenced code block: the fence is longer than any backtick run inside
 * (at least three), so no line of the text can close it, and nothing inside is markup.
 */
export function markdownFence(text: string): string {
  const body = terminalLines(text).replace(/\r?\n$/, '');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}text\n${body}\n${fence}`;
}

/** Text inside HTML elements and attribute values. */
export function htmlText(text: string): string {
  return terminalText(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * One argument of a POSIX shell command line, for a command the user is told to paste: left bare when it
 * holds only characters no shell treats specially, otherwise in single quotes, inside which nothing is
 * special except the quote itself (written `'\''`). Control characters are shown as escapes first: a
 * suggestion must never carry a raw newline, which would run the rest as a second command.
 */
export function shellQuote(argument: string): string {
  const text = terminalText(argument);
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}


/**
 * JSON (the json and SARIF reports): JSON.stringify already escapes C0 controls and lone surrogates, but not
 * DEL, C1 controls, line separators or bidi overrides, which a terminal showing the file would act on. They
 * can only occur inside strings, where `\u` escapes mean exactly the same characters.
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
