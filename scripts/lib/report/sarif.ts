// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and other SARIF viewers.
// GitHub-specific choices, from its "SARIF support for code scanning" reference:
// - every rule carries non-empty shortDescription, fullDescription and help text (GitHub requires them);
// - artifact URIs are repository-relative with forward slashes, which GitHub resolves against the checkout;
// - region.startLine must be ≥ 1, so a finding without a line gets no region at all (SARIF allows that);
// - partialFingerprints are left to upload-sarif, which computes them from the file contents we do not read.
import { humanPath, type Finding, type Report, type ResourceRef } from '../model.ts';
import { repoPath } from './location.ts';
import type { ReportOptions, RuleInfo } from './options.ts';
import { ruleCatalog } from './rules.ts';
import { sortFindings } from './sort.ts';
import { jsonText } from './escape.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'openclaw-validate';

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

export interface SarifRun {
  tool: { driver: { name: string; informationUri?: string; rules: SarifRule[] } };
  results: SarifResult[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: SarifLocation[];
  properties: { source: string };
}

export interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string };
    region?: { startLine: number; startColumn?: number };
  };
  logicalLocations?: Array<{ name: string; fullyQualifiedName: string; kind: string }>;
}

export function toSarif(report: Report, options: ReportOptions): SarifLog {
  const findings = sortFindings(report.findings);
  const rules = ruleCatalog(options.rules, findings);
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, rules: rules.map(toSarifRule) } },
        results: findings.map((finding) => toSarifResult(finding, indexOf.get(finding.rule) ?? 0)),
      },
    ],
  };
}

export function formatSarif(report: Report, options: ReportOptions): string {
  return jsonText(toSarif(report, options)) + '\n';
}

function toSarifRule(rule: RuleInfo): SarifRule {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: { text: rule.fix },
    defaultConfiguration: { level: rule.severity },
  };
}

function toSarifResult(finding: Finding, ruleIndex: number): SarifResult {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: finding.severity,
    message: { text: messageText(finding) },
    locations: [toLocation(finding)],
    properties: { source: finding.source },
  };
}

/** GitHub titles the alert with the first sentence, so the problem comes first and the fix after it. */
function messageText(finding: Finding): string {
  const message = finding.message.trim();
  if (!finding.fix) return message;
  const ended = /[.!?]$/.test(message) ? message : `${message}.`;
  return `${ended} Fix: ${finding.fix}`;
}

/**
 * The file when known; otherwise the source (an overlay directory), so the alert still names where to look.
 * Standard input has no path in the repository and gets only a logical location.
 */
function toLocation(finding: Finding): SarifLocation {
  const location: SarifLocation = {};
  const artifact = finding.file ?? (finding.source !== '-' && finding.source !== '' ? finding.source : undefined);
  if (artifact !== undefined) {
    location.physicalLocation = { artifactLocation: { uri: encodeUri(repoPath(artifact)) } };
    if (finding.file !== undefined && finding.line !== undefined && finding.line >= 1) {
      location.physicalLocation.region = { startLine: finding.line };
      if (finding.column !== undefined && finding.column >= 1) location.physicalLocation.region.startColumn = finding.column;
    }
  }
  if (finding.resource) location.logicalLocations = logicalLocations(finding.resource, finding.path);
  return location;
}

/**
 * The resource as `Kind/namespace/name` (`Kind/name` when cluster-scoped), and, when the finding names a
 * field, that field as a child: name is the readable path, fullyQualifiedName the resource plus the JSON pointer.
 */
function logicalLocations(ref: ResourceRef, path: string | undefined): NonNullable<SarifLocation['logicalLocations']> {
  const resource = [ref.kind, ...(ref.namespace ? [ref.namespace] : []), ref.name].join('/');
  const out = [{ name: resource, fullyQualifiedName: resource, kind: 'object' }];
  if (path) out.push({ name: humanPath(path), fullyQualifiedName: `${resource}#${path}`, kind: 'property' });
  return out;
}

/** A URI reference: keep the slashes, percent-encode what a URI cannot hold (spaces, `#`, `?`, `%`, non-ASCII). */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
