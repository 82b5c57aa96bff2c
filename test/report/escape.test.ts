import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { githubData, githubProperty, htmlText, markdownCode, markdownFence, shellQuote, terminalLines, terminalText } from '../../scripts/lib/report/escape.ts';
import { stripMarkdownCode } from '../security/markdown.ts';

const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = 'a\n## ✅ All checks passed\n<!--\r\u001b[2J\u009b31m\u202eevil` ``x |%:,\'"$(touch X)';

describe('escapers', () => {
  it('terminal: one line, every control character shown, including newline, ESC, 8-bit CSI and bidi overrides', () => {
    const out = terminalText(HOSTILE);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('a\\n## ✅');
    expect(out).toContain('\\x1b[2J');
    expect(out).toContain('\\x9b31m');
    expect(out).toContain('\\u202e');
    expect(terminalLines('one\ntwo\u0007')).toBe('one\ntwo\\x07');
  });

  it('github: data cannot end the command; properties cannot end the value', () => {
    const data = githubData(HOSTILE);
    expect(data).not.toMatch(/[\r\n\u001b]/);
    expect(data).toContain('a%0A## ✅');
    expect(data).toContain('%25');
    const property = githubProperty('a,b:c%\n::stop-commands::x');
    expect(property).toBe('a%2Cb%3Ac%25%0A%3A%3Astop-commands%3A%3Ax');
  });

  it('markdown code span: a fence longer than any backtick run inside, no line break, pipes escaped in tables', () => {
    const span = markdownCode(HOSTILE);
    expect(span).not.toContain('\n');
    expect(span.startsWith('```')).toBe(true);
    expect(span.endsWith('```')).toBe(true);
    expect(stripMarkdownCode(span)).toBe('');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(markdownCode('')).toBe('` `');
  });

  it('markdown fence: no line of the text can close it', () => {
    const block = markdownFence('line\n````\n## forged\n<!--');
    const lines = block.split('\n');
    expect(lines[0]).toBe('`````text');
    expect(lines.at(-1)).toBe('`````');
    expect(lines.slice(1, -1)).toEqual(['line', '````', '## forged', '<!--']);
  });

  it('html: no tag, comment or entity survives', () => {
    expect(htmlText('<!-- &amp; "x" \'y\'')).toBe('&#60;!-- &#38;amp; &#34;x&#34; &#39;y&#39;');
  });

  it('shell: what a POSIX shell reads back is exactly the text, and nothing runs', () => {
    for (const text of ["Promote x 2026.3.1$(touch${IFS}X) → y", "it's `id` ; rm -rf ~ | cat", 'plain-1.0_x/y:z@sha256', '']) {
      const echoed = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(text)}`], { encoding: 'utf8' });
      expect(echoed).toBe(text);
    }
    expect(shellQuote('a\nb')).toBe("'a\\nb'");
  });
});
