// Untrusted text is data in every output: a hostile overlay name, resource name and keys, through the real
// pipeline (kustomize included) into each report format, the progress lines and the rendered diff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiff, type DiffReport } from '../../scripts/lib/release/format-diff.ts';
import { pullRequestBody } from '../../scripts/lib/release/pr-body.ts';
import { renderedDiff } from '../../scripts/lib/release/rendered-diff.ts';
import type { Report } from '../../scripts/lib/model.ts';
import { runPipeline } from '../../scripts/lib/pipeline.ts';
import { resolveKustomize } from '../../scripts/lib/render/kustomize-binary.ts';
import { formatProgressLine, formatReport, summaryLine } from '../../scripts/lib/report/index.ts';
import { discoverRepository } from '../../scripts/lib/sources/discover.ts';
import { createValidation } from '../../scripts/lib/validation.ts';
import { parseXml } from '../report/xml-parser.ts';
import { CONTROL_NAME, EVIL_KEY, EVIL_OVERLAY, FORGED, RAW_CONTROL, attackerRepository } from './attacker-repo.ts';
import { stableDirectory, type StableDirectory } from '../render/stable-directory.ts';
import { stripMarkdownCode } from './markdown.ts';

let root: string;
/** The same path every run: the render of the hostile overlay is served from the render cache on a rerun. */
let place: StableDirectory;
let report: Report;
const progress: string[] = [];

beforeAll(async () => {
  place = stableDirectory('output-injection');
  root = await attackerRepository(place.path);
  const discovery = discoverRepository(root);
  const validation = createValidation({ root, ignoreMissingSchemas: true, schemaCache: false });
  report = await runPipeline(
    discovery.sources,
    validation.pipelineOptions({
      binary: await resolveKustomize(),
      onSource: (result, findings) => progress.push(formatProgressLine(result, true, findings)),
    }),
    discovery.findings,
  );
});

afterAll(() => place.release());

let diff: Promise<DiffReport> | undefined;
/** `diff --base HEAD` of the repository, made once for the cases that format it (formatting does not change it). */
const hostileDiff = (): Promise<DiffReport> => (diff ??= renderedDiff({ base: 'HEAD', overlays: [], cwd: root }));

/** No line of the output starts with text the attacker wrote. */
function expectNoForgedLine(output: string): void {
  for (const line of output.split('\n')) {
    for (const forged of FORGED) expect(line.startsWith(forged), line).toBe(false);
  }
  expect(output).not.toMatch(RAW_CONTROL);
}

describe('hostile names and keys in every output format', () => {
  it('the attack reached the report: the hostile overlay rendered and a finding quotes the hostile names', () => {
    expect(report.sources.map((source) => source.source).sort()).toEqual(['flux', EVIL_OVERLAY].sort());
    expect(report.findings.filter((finding) => finding.rule === 'render')).toEqual([]);
    expect(report.findings.some((finding) => finding.resource?.name.includes('\n## ✅ forged'))).toBe(true);
    expect(report.findings.some((finding) => finding.resource?.name === CONTROL_NAME)).toBe(true);
  });

  it('progress lines: one line each, the overlay name escaped', () => {
    expect(progress).toHaveLength(2);
    for (const line of progress) expect(line).not.toContain('\n');
    expect(progress.join('')).toContain('overlays/evil\\n::stop-commands::pwned');
    // The only escape sequences left are the report's own colours.
    expect(progress.join('').replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_CONTROL);
  });

  it('text: every finding is one line; nothing quoted starts a line', () => {
    const text = formatReport(report, 'text', { color: false, quiet: false });
    expectNoForgedLine(text);
    expect(text).toContain('cm\\n::error file=x::forged\\n## ✅ forged heading');
    expect(text).toContain('plain\\x1b[31m\\x9b2J\\u202e\\x07\\n::error::forged');
  });

  it('github: only the tool writes workflow commands; every line is a command or the summary', () => {
    const github = formatReport(report, 'github', { color: false, quiet: false });
    expectNoForgedLine(github);
    const lines = github.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(summaryLine(report.summary));
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning) (file=[^:,]*(,line=\d+(,col=\d+)?)?,)?title=[^:,]*::/);
    expect(github).not.toMatch(/\u001b/);
  });

  it('json and sarif: parse back to exactly the hostile strings, with no raw control character in the file', () => {
    for (const format of ['json', 'sarif'] as const) {
      const output = formatReport(report, format, { color: false, quiet: false });
      expect(output).not.toMatch(RAW_CONTROL);
      expect(JSON.stringify(JSON.parse(output))).toContain(JSON.stringify(EVIL_OVERLAY).slice(1, -1));
    }
  });

  it('junit: well-formed XML whose failure bodies are one line per finding', () => {
    const junit = formatReport(report, 'junit', { color: false, quiet: false });
    expect(junit).not.toMatch(RAW_CONTROL);
    const suites = parseXml(junit);
    expect(JSON.stringify(suites)).toContain('overlays/evil');
    expectNoForgedLine(junit);
  });
});

describe('hostile keys in the rendered diff', () => {
  it('text: the changed key is shown escaped on its own line, no control character raw', async () => {
    const diff = await hostileDiff();
    const text = formatDiff(diff, 'text');
    expectNoForgedLine(text);
    expect(text).toContain('a\\n## ✅ forged\\n<!--');
  });

  it('markdown (job summary): no heading, HTML comment or workflow text outside code', async () => {
    const diff = await hostileDiff();
    const markdown = formatDiff(diff, 'markdown');
    expect(markdown).toContain(EVIL_KEY.split('\n')[0]);
    const markup = stripMarkdownCode(markdown);
    expect(markup).not.toContain('<!--');
    expect(markup).not.toContain('forged');
    expect(markup).not.toContain('::');
    expect(markup.split('\n').filter((line) => line.startsWith('#'))).toEqual(['### ']);
    expect(markdown).not.toMatch(RAW_CONTROL);
  });
});

describe('hostile keys and findings in the pull-request body', () => {
  it('no heading, HTML comment, mention or workflow text outside code', async () => {
    const diff = await hostileDiff();
    const move = { name: 'ghcr.io/openclaw/openclaw', before: { name: 'ghcr.io/openclaw/openclaw', newTag: '1' }, after: { name: 'ghcr.io/openclaw/openclaw', newTag: '2' } };
    const hostile = { ...report, findings: report.findings.map((finding) => ({ ...finding, message: `${finding.message} @everyone </details>` })) };
    const body = pullRequestBody({ from: EVIL_OVERLAY, to: EVIL_OVERLAY, moves: [move] }, diff, hostile);
    expect(body).toContain('exemption names unknown rule');
    const markup = stripMarkdownCode(body);
    for (const text of ['<!--', 'forged', '::', '@everyone', '</details>\n</details>']) expect(markup).not.toContain(text);
    expect(markup.split('\n').filter((line) => line.startsWith('#'))).toEqual(['## Promote   →  in ', '## Rendered diff', '### ', '## Validation']);
    expect(body).not.toMatch(RAW_CONTROL);
  });
});
