// Turns rendered diffs into text for a terminal or Markdown for a pull request / job summary.
import type { ResourceRef } from '../model.ts';
import { appendAll, describeRef } from '../model.ts';
import { markdownCode, markdownFence, terminalText } from '../report/escape.ts';
import type { OverlayRender } from './render-at-ref.ts';
import { diffResources, type FieldChange, type ResourceChange, type ResourceDiff } from './resource-diff.ts';

export type DiffFormat = 'text' | 'markdown';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'markdown'];

export interface OverlayDiff {
  overlay: string;
  /** `added`/`removed`: the overlay exists on one side only; `failed`: a side did not render. */
  status: 'compared' | 'added' | 'removed' | 'failed';
  diff: ResourceDiff;
  /** Why a side did not render, e.g. `REF: kustomize build failed: …`. */
  failures: string[];
}

export interface DiffReport {
  /** What the two sides are called in the output, e.g. 'main' and 'working tree'. */
  before: string;
  after: string;
  overlays: OverlayDiff[];
}

/** A value longer than this is cut; a changed long string shows the part around the first difference. */
const MAX_VALUE = 120;
/** A resource with more changed fields than this folds them away in Markdown. */
const FOLD_AFTER = 8;

export function compareRenders(overlay: string, before: OverlayRender | undefined, after: OverlayRender | undefined, labels: { before: string; after: string }): OverlayDiff {
  const beforeExists = before?.exists ?? false;
  const afterExists = after?.exists ?? false;
  const failures = [
    ...(before?.failed ? before.findings.filter((f) => f.severity === 'error').map((f) => `${labels.before}: ${f.message}`) : []),
    ...(after?.failed ? after.findings.filter((f) => f.severity === 'error').map((f) => `${labels.after}: ${f.message}`) : []),
  ];
  const diff = diffResources(beforeExists && !before!.failed ? before!.resources.map((r) => r.object) : [], afterExists && !after!.failed ? after!.resources.map((r) => r.object) : []);
  if (failures.length > 0) return { overlay, status: 'failed', diff: { changes: [], unchanged: 0 }, failures };
  const status = beforeExists && afterExists ? 'compared' : afterExists ? 'added' : 'removed';
  return { overlay, status, diff, failures };
}

export function formatDiff(report: DiffReport, format: DiffFormat): string {
  return format === 'markdown' ? formatMarkdown(report) : formatText(report);
}

function counts(diff: ResourceDiff): { changed: number; added: number; removed: number } {
  const of = (...kinds: ResourceChange['change'][]) => diff.changes.filter((change) => kinds.includes(change.change)).length;
  return { changed: of('changed', 'renamed'), added: of('added'), removed: of('removed') };
}

function summaryLine(overlay: OverlayDiff): string {
  const total = overlay.diff.changes.length + overlay.diff.unchanged;
  if (overlay.status === 'added') return `overlay added (${total} resources)`;
  if (overlay.status === 'removed') return `overlay removed (${total} resources)`;
  if (overlay.status === 'failed') return 'could not be compared';
  if (overlay.diff.changes.length === 0) return `no changes (${total} resources)`;
  const { changed, added, removed } = counts(overlay.diff);
  return `${changed} changed, ${added} added, ${removed} removed, ${overlay.diff.unchanged} unchanged`;
}

function formatText(report: DiffReport): string {
  const lines = [`Rendered diff: ${report.before} → ${report.after}`, ''];
  for (const overlay of report.overlays) {
    lines.push(`${overlay.overlay}: ${summaryLine(overlay)}`);
    for (const failure of overlay.failures) lines.push(`  ! ${failure}`);
    const { common, rest } = splitCommonChanges(overlay.diff.changes);
    for (const shared of common) lines.push(`  ~ in ${shared.count} resources: ${fieldText(shared.field)}`);
    for (const change of rest) {
      const onlyCommon = change.fields.length === 0 && (change.change === 'changed' || change.change === 'renamed');
      lines.push(`  ${SYMBOL[change.change]} ${titleOf(change)}${onlyCommon && change.change === 'changed' ? ' (only the changes above)' : ''}`);
      for (const field of change.fields) lines.push(`      ${fieldText(field)}`);
    }
  }
  // Every name, key and value here came from the manifests: each line is shown as one line, controls escaped.
  return `${lines.map(terminalText).join('\n')}\n`;
}

const SYMBOL: Record<ResourceChange['change'], string> = { added: '+', removed: '-', changed: '~', renamed: '>' };

function titleOf(change: ResourceChange): string {
  const rename = change.from ? ` (renamed from ${change.from.name})` : '';
  return `${describeRef(change.ref)}${rename} (${change.ref.apiVersion})`;
}

function fieldText(field: FieldChange): string {
  if (field.kind === 'added') return `+ ${field.path}: ${formatValue(field.after)}`;
  if (field.kind === 'removed') return `- ${field.path}: ${formatValue(field.before)}`;
  const [before, after] = formatChangedValues(field.before, field.after);
  return `${field.path}: ${before} → ${after}`;
}

export function formatValue(value: unknown, max = MAX_VALUE): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Two long strings (a dashboard JSON) are shown from just before where they first differ. */
export function formatChangedValues(before: unknown, after: unknown, max = MAX_VALUE): [string, string] {
  const a = JSON.stringify(before) ?? 'undefined';
  const b = JSON.stringify(after) ?? 'undefined';
  if (a.length <= max && b.length <= max) return [a, b];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const start = Math.max(0, common - 20);
  const cut = (text: string) => `${start > 0 ? '…' : ''}${text.slice(start, start + max)}${start + max < text.length ? '…' : ''} (${text.length} chars)`;
  return [cut(a), cut(b)];
}

function formatMarkdown(report: DiffReport): string {
  const out: string[] = [];
  for (const overlay of report.overlays) {
    out.push(`### ${code(overlay.overlay)}`, '', `${summaryLine(overlay)} (${code(report.before)} → ${code(report.after)})`, '');
    // kustomize's message quotes file names and content: a fenced block shows it without reading it as Markdown.
    for (const failure of overlay.failures) out.push('**Not rendered:**', '', markdownFence(failure), '');
    const { common, rest } = splitCommonChanges(overlay.diff.changes);
    const byChange = (kind: ResourceChange['change']) => rest.filter((change) => change.change === kind);
    if (common.length > 0) {
      appendAll(out, [`**Changed in several resources:**`, '', ...fieldTable(common.map((shared) => shared.field), common.map((shared) => `${shared.count} resources`)), '']);
    }
    const onlyCommon = byChange('changed').filter((change) => change.fields.length === 0);
    if (onlyCommon.length > 0) {
      out.push(`**Nothing else changed in (${onlyCommon.length}):** ${onlyCommon.map((change) => code(describeRef(change.ref))).join(', ')}`, '');
    }
    for (const change of [...byChange('changed').filter((change) => change.fields.length > 0), ...byChange('renamed')]) {
      out.push(`**${change.change === 'renamed' ? 'Renamed' : 'Changed'}:** ${refCode(change.ref)}${change.from ? ` (was ${code(change.from.name)})` : ''}`, '');
      const table = fieldTable(change.fields);
      if (change.fields.length > FOLD_AFTER) {
        appendAll(out, ['<details>', `<summary>${change.fields.length} changed fields</summary>`, '', ...table, '', '</details>', '']);
      } else appendAll(out, [...table, '']);
    }
    for (const kind of ['added', 'removed'] as const) {
      const list = byChange(kind);
      if (list.length === 0) continue;
      const items = list.map((change) => `- ${refCode(change.ref)}`);
      const title = `${kind === 'added' ? 'Added' : 'Removed'} (${list.length})`;
      if (list.length > FOLD_AFTER) appendAll(out, ['<details>', `<summary>${title}</summary>`, '', ...items, '', '</details>', '']);
      else appendAll(out, [`**${title}:**`, '', ...items, '']);
    }
  }
  if (report.overlays.length === 0) out.push('No overlays to compare.', '');
  return `${out.join('\n').trimEnd()}\n`;
}

function fieldTable(fields: readonly FieldChange[], where?: readonly string[]): string[] {
  const rows = fields.map((field, index) => {
    const [before, after] =
      field.kind === 'changed' ? formatChangedValues(field.before, field.after) : field.kind === 'added' ? ['', formatValue(field.after)] : [formatValue(field.before), ''];
    const cells = [cell(field.path), before ? cell(before) : '—', after ? cell(after) : '—', ...(where ? [where[index]!] : [])];
    return `| ${cells.join(' | ')} |`;
  });
  const header = where ? ['| Field | Before | After | Where |', '| --- | --- | --- | --- |'] : ['| Field | Before | After |', '| --- | --- | --- |'];
  return [...header, ...rows];
}

/** A field change shared by this many changed resources is reported once (a label on every object). */
const COMMON_AFTER = 3;

export interface SharedChange {
  field: FieldChange;
  count: number;
}

/**
 * Pulls out the field changes that many resources share, such as a version label on every object,
 * so that what differs per resource (the image) is not lost among them.
 */
export function splitCommonChanges(changes: readonly ResourceChange[]): { common: SharedChange[]; rest: ResourceChange[] } {
  const keyOf = (field: FieldChange) => JSON.stringify([field.path, field.kind, field.before, field.after]);
  const seen = new Map<string, SharedChange>();
  for (const change of changes) {
    for (const field of change.fields) {
      const shared = seen.get(keyOf(field));
      if (shared) shared.count++;
      else seen.set(keyOf(field), { field, count: 1 });
    }
  }
  const common = [...seen.values()].filter((shared) => shared.count >= COMMON_AFTER);
  if (common.length === 0) return { common, rest: [...changes] };
  const commonKeys = new Set(common.map((shared) => keyOf(shared.field)));
  const rest = changes.map((change) => ({ ...change, fields: change.fields.filter((field) => !commonKeys.has(keyOf(field))) }));
  return { common, rest };
}

function refCode(ref: ResourceRef): string {
  return `${code(describeRef(ref))} (${code(ref.apiVersion)})`;
}

/** Untrusted text in prose or a list item: a code span it cannot close (see escape.ts). */
export function code(text: string): string {
  return markdownCode(text);
}

/** Untrusted text in a table cell: also escapes the pipes GitHub would split the row on. */
export function cell(text: string): string {
  return markdownCode(text, { inTable: true });
}
