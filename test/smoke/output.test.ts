// What the smoke prints is built from the change under test: a hostile render must not forge a line
// (a GitHub workflow command such as `::stop-commands::`) or reach the terminal with a control sequence.
import { describe, expect, it } from 'vitest';
import { errorLines, logLine, argvText } from '../../scripts/smoke/output.ts';
import { SmokeInputError } from '../../scripts/smoke/overlay-run.ts';
import { extractRunSpec } from '../../scripts/smoke/run-spec.ts';
import { containerArgv } from '../../scripts/smoke/sandbox.ts';
import { formatSummary, formatTable, type OverlayResult } from '../../scripts/smoke/table.ts';
import { render } from './manifests.ts';

const FORGED = '\n::stop-commands::pwned\n::error::forged\u001b[2J\u202e';

// YAML double-quoted strings: \n is a newline, \x1b is ESC, \u202e a right-to-left override.
const hostileRender = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: openclaw}
spec:
  template:
    spec:
      containers:
        - name: gateway
          image: ghcr.io/openclaw/openclaw:2026.9.6
          args: ["node", "dist/index.js", "gateway", "--name=\\n::stop-commands::pwned\\x1b[2J"]
          envFrom:
            - secretRef: {name: "keys\\n::error::from-secret"}
          env:
            - name: "FROM_CM"
              valueFrom: {configMapKeyRef: {name: "cm\\n::warning::from-configmap\\u202e", key: k}}
            - name: "NODE\\n::notice::from-env"
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
`;

/** Every line a log viewer would see: none may be a workflow command or carry a control character. */
function expectInert(output: string): void {
  for (const line of output.split('\n')) {
    expect(line.trimStart().startsWith('::'), line).toBe(false);
    expect(line, line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  }
}

describe('smoke output from a hostile render', () => {
  const spec = extractRunSpec(render(hostileRender));
  const argv = argvText(containerArgv(spec));
  const result: OverlayResult = {
    overlay: `overlays/x${FORGED}`,
    rows: [
      { check: 'start', target: argv, ok: true, detail: 'running' },
      { check: `probe${FORGED}`, target: `GET /${FORGED}`, ok: false, detail: `reply: ${FORGED}` },
    ],
    notes: [...spec.notes, `log: gateway said${FORGED}`],
  };

  it('reads the notes that quote resource names from the render (the inputs really are hostile)', () => {
    expect(spec.notes).toHaveLength(3);
    expect(spec.notes.join('')).toContain('\n::error::from-secret');
    expect(spec.notes.join('')).toContain('\n::warning::from-configmap');
    expect(spec.notes.join('')).toContain('\n::notice::from-env');
  });

  it('shows container args, names, cells and notes escaped, one table line each', () => {
    const table = formatTable([result]);
    expectInert(table);
    // Overlay line, two rows, three spec notes and the log note, then the blank separator.
    expect(table.split('\n')).toHaveLength(1 + 2 + 4 + 1);
    expect(table).toContain(String.raw`--name=\n::stop-commands::pwned\x1b[2J`);
    expect(table).toContain(String.raw`Secret keys\n::error::from-secret is not in this render`);
    expect(table).toContain(String.raw`ConfigMap cm\n::warning::from-configmap\u202e is not in this render`);
    expect(table).toContain(String.raw`env NODE\n::notice::from-env: spec.nodeName is not reproduced`);
  });

  it('escapes the overlay names in the summary and the progress lines', () => {
    const summary = formatSummary([result]);
    expectInert(summary);
    expect(summary).toBe(String.raw`smoke: 1 of 1 overlay(s) failed: overlays/x\n::stop-commands::pwned\n::error::forged\x1b[2J\u202e`);
    const progress = logLine(`${result.overlay}: starting ${argv} in a sandbox`);
    expectInert(progress);
    expect(progress).toContain(String.raw`'--name=\n::stop-commands::pwned\x1b[2J'`);
  });

  it('prints an input error on one line and an internal error with its frames but an escaped message', () => {
    const input = errorLines(new SmokeInputError(`overlays/x: kustomize failed${FORGED}`), true);
    expect(input).toEqual([String.raw`smoke: overlays/x: kustomize failed\n::stop-commands::pwned\n::error::forged\x1b[2J\u202e`]);
    const internal = errorLines(new TypeError(`cannot read${FORGED}`), false);
    expectInert(internal.join('\n'));
    expect(internal[0]).toBe(String.raw`smoke: internal error: TypeError: cannot read\n::stop-commands::pwned\n::error::forged\x1b[2J\u202e`);
    expect(internal.length).toBeGreaterThan(1);
    expect(internal.slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
    expect(errorLines(`thrown${FORGED}`, false)).toEqual([String.raw`smoke: internal error: thrown\n::stop-commands::pwned\n::error::forged\x1b[2J\u202e`]);
  });
});
