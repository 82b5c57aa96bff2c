// The peer-agreement cases: our own small manifests, each in the shape of one case of a peer's public test data
// (kube-linter tests/checks, kube-score score/testdata, Polaris test/checks, pod-security-admission's fixtures),
// with a header that names the peer's check, the peer's verdict, the rule(s) of ours it maps to and our verdict:
//
//   # peer: kube-linter                 kube-linter | kube-score | polaris
//   # check: latest-tag                 the peer's check id
//   # peer-verdict: fail                what the peer reports: fail (a finding) or pass
//   # rule: image-tag                   our rule(s) mapped to it, comma-separated
//   # verdict: fail                     what ours reports; when it differs from the peer, `difference` says why
//   # difference: ...                   (only for a deliberate difference) one sentence, listed in docs/policies.md
//   # config: {...}                     optional validate.config.yaml as YAML flow; kubernetes-version: X.Y too
//
// pod-security-admission's cases are the fixtures of test/fixtures/pod-security (psa-check, verdict
// allowed|forbidden), judged by the rules that mirror the check under the default configuration; a fixture where
// the default deliberately differs says so with `# ours: pass|fail` and `# difference:`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { Resource } from '../../scripts/lib/model.ts';
import { parseRuleConfig, type RuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { rules as allSourceRules } from '../../scripts/rules/registry.ts';
import { POD_SECURITY_FIXTURES, POD_SECURITY_RULE_IDS, PSA_CHECKS } from '../policies/psa-checks.ts';

export const PEER_DIRECTORY = import.meta.dirname;
const REPOSITORY = join(import.meta.dirname, '..', '..');
export const PEERS = ['kube-linter', 'kube-score', 'polaris', 'pod-security-admission'] as const;
export type Peer = (typeof PEERS)[number];
export type Verdict = 'pass' | 'fail';

export interface PeerCase {
  peer: Peer;
  check: string;
  /** The file, relative to the repository. */
  file: string;
  peerVerdict: Verdict;
  /** What we are meant to report (the header). */
  expected: Verdict;
  rules: readonly string[];
  difference?: string;
  config: RuleConfig;
  kubernetesVersion?: string;
  resources: Resource[];
}

function headerOf(text: string) {
  return (key: string) => new RegExp(`^# ${key}: (.*)$`, 'm').exec(text)?.[1]?.trim();
}

function verdictOf(value: string | undefined, file: string, key: string): Verdict {
  if (value === 'pass' || value === 'fail') return value;
  throw new Error(`${file}: # ${key}: pass|fail is missing`);
}

function parse(text: string, file: string): Resource[] {
  const parsed = parseResources(text, { source: file, file });
  if (parsed.findings.length > 0) throw new Error(`${file}: ${parsed.findings[0]!.message}`);
  return parsed.resources;
}

/** Each .yaml case of `directory`, by name: its repository-relative path, its text and its header. */
function caseFiles(directory: string): Array<{ file: string; text: string; header: ReturnType<typeof headerOf> }> {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(directory, name), 'utf8');
      return { file: relative(REPOSITORY, join(directory, name)), text, header: headerOf(text) };
    });
}

function peerCases(peer: Exclude<Peer, 'pod-security-admission'>): PeerCase[] {
  return caseFiles(join(PEER_DIRECTORY, peer)).map(({ file, text, header }) => {
    if (header('peer') !== peer) throw new Error(`${file}: # peer: ${peer} is missing`);
    const peerVerdict = verdictOf(header('peer-verdict'), file, 'peer-verdict');
    return {
      peer,
      check: header('check') ?? '',
      file,
      peerVerdict,
      expected: verdictOf(header('verdict'), file, 'verdict'),
      rules: (header('rule') ?? '').split(',').map((id) => id.trim()).filter(Boolean),
      difference: header('difference'),
      config: parseRuleConfig(header('config') ?? '', { file }),
      kubernetesVersion: header('kubernetes-version'),
      resources: parse(text, file),
    };
  });
}

function podSecurityCases(): PeerCase[] {
  return caseFiles(POD_SECURITY_FIXTURES).map(({ file, text, header }) => {
    const check = header('psa-check') ?? '';
    const peerVerdict: Verdict = header('verdict') === 'forbidden' ? 'fail' : 'pass';
    const ours = header('ours');
    return {
      peer: 'pod-security-admission' as const,
      check,
      file,
      peerVerdict,
      expected: ours === undefined ? peerVerdict : verdictOf(ours, file, 'ours'),
      // A forbidden pod must be reported by the rules that mirror its check; an allowed one by no Pod Security rule.
      rules: peerVerdict === 'fail' ? (PSA_CHECKS[check] ?? []) : POD_SECURITY_RULE_IDS,
      difference: header('difference'),
      config: parseRuleConfig('', { file }),
      kubernetesVersion: header('kubernetes-version'),
      resources: parse(text, file),
    };
  });
}

export function loadPeerCases(): PeerCase[] {
  return [...peerCases('kube-linter'), ...peerCases('kube-score'), ...peerCases('polaris'), ...podSecurityCases()];
}

/** Our verdict on a case: fail when any of its mapped rules reports anything (error or warning). */
export function ourVerdict(item: PeerCase): { verdict: Verdict; findings: string[] } {
  const selected = allSourceRules.filter((rule) => item.rules.includes(rule.id));
  if (selected.length !== item.rules.length) throw new Error(`${item.file}: unknown rule in ${item.rules.join(', ')}`);
  const findings = evaluateRules(item.resources, { source: item.file, config: item.config, rules: selected, kubernetesVersion: item.kubernetesVersion });
  return { verdict: findings.length > 0 ? 'fail' : 'pass', findings: findings.map((finding) => `${finding.rule} ${finding.path ?? ''}: ${finding.message}`) };
}
