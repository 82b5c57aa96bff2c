// Profiles: how much of the catalogue a run applies (schema ⊂ baseline ⊂ restricted ⊂ all), declared once
// per rule in the catalogue and chosen by --profile, `profile:` or the default.
import { describe, expect, it } from 'vitest';
import { configurableOf, DEFAULT_PROFILE, inProfile, profileOf, PROFILES } from '../../scripts/lib/rule-meta.ts';
import { parseRuleConfig, resolveSettings } from '../../scripts/rules/config.ts';
import { catalogue } from '../../scripts/rules/registry.ts';
import { ruleListing } from '../../scripts/rules/policies.ts';

const active = (configText: string, source = 'overlays/dev') => {
  const settings = resolveSettings(parseRuleConfig(configText, { file: 'validate.config.yaml' }), source);
  return (id: string) => settings.rules[id] !== 'off';
};

describe('the catalogue', () => {
  it('gives every check a profile, built-in and exemption checks the lowest', () => {
    for (const entry of catalogue) expect(PROFILES).toContain(profileOf(entry));
    for (const entry of catalogue.filter((e) => e.stage === 'built-in' || e.stage === 'exemption')) expect([entry.id, entry.profile]).toEqual([entry.id, 'schema']);
  });

  it('keeps every check that cannot be turned off in the schema profile, so no profile drops it', () => {
    const unswitchable = catalogue.filter((entry) => configurableOf(entry) !== 'all');
    expect(unswitchable.map((entry) => entry.id)).toEqual(expect.arrayContaining(['input', 'render']));
    for (const entry of unswitchable) expect(profileOf(entry)).toBe('schema');
  });

  it('puts what mirrors an API server validation in the schema profile', () => {
    const mirroring = catalogue.filter((entry) => entry.mirrors !== undefined);
    expect(mirroring.length).toBeGreaterThan(0);
    for (const entry of mirroring) expect([entry.id, profileOf(entry)]).toEqual([entry.id, 'schema']);
  });

  it('puts the Pod Security levels where pod-security-admission puts them', () => {
    const profile = (id: string) => catalogue.find((entry) => entry.id === id)?.profile;
    expect(['no-privileged', 'no-host-namespaces', 'no-host-path', 'no-host-port', 'no-proc-mount', 'sysctls'].map(profile)).toEqual(Array(6).fill('baseline'));
    expect(['run-as-non-root', 'no-privilege-escalation', 'drop-all-capabilities', 'seccomp-profile', 'restricted-volume-types'].map(profile)).toEqual(Array(5).fill('restricted'));
    expect(['liveness-probe', 'cpu-limits', 'image-digest', 'service-selector', 'gitops-coverage'].map(profile)).toEqual(Array(5).fill('all'));
    // A GitOps path that does not build fails the sync like a render error: no opinion, every profile.
    expect(profile('gitops-path')).toBe('schema');
  });

  it('is listed with each check’s profile by --list-rules', () => {
    const lines = ruleListing().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+PROFILE\s+DESCRIPTION$/);
    expect(lines.find((line) => line.startsWith('no-privileged '))).toMatch(/\sbaseline\s/);
    expect(lines.find((line) => line.startsWith('run-as-non-root '))).toMatch(/\srestricted\s/);
  });
});

describe('a profile in the configuration', () => {
  it('holds the profiles before it', () => {
    expect(PROFILES.filter((profile) => inProfile('baseline', profile))).toEqual(['baseline', 'restricted', 'all']);
    expect(inProfile('all', 'restricted')).toBe(false);
  });

  it('schema: only reading, schemas and API checks run', () => {
    const runs = active('profile: schema\n');
    expect(['schema', 'unknown-kind', 'deprecated-api', 'selector-immutable', 'render', 'gitops-path'].every(runs)).toBe(true);
    expect(['no-privileged', 'run-as-non-root', 'liveness-probe'].some(runs)).toBe(false);
  });

  it('baseline and restricted add their Pod Security level and nothing opinionated', () => {
    const baseline = active('profile: baseline\n');
    expect([baseline('no-privileged'), baseline('run-as-non-root'), baseline('liveness-probe')]).toEqual([true, false, false]);
    const restricted = active('profile: restricted\n');
    expect([restricted('no-privileged'), restricted('run-as-non-root'), restricted('liveness-probe')]).toEqual([true, true, false]);
  });

  it('all, or no profile at all (a configuration built in code), runs every check', () => {
    for (const text of ['profile: all\n', '']) {
      const runs = active(text);
      expect(catalogue.every((entry) => runs(entry.id))).toBe(true);
    }
  });

  it('lets a rule beyond the profile run where a layer names it, globally or for some sources', () => {
    const text = 'profile: baseline\nrules:\n  run-as-non-root: warning\nsources:\n  overlays/prod:\n    rules:\n      liveness-probe: error\n';
    expect(active(text, 'overlays/dev')('run-as-non-root')).toBe(true);
    expect(active(text, 'overlays/dev')('liveness-probe')).toBe(false);
    expect(active(text, 'overlays/prod')('liveness-probe')).toBe(true);
  });

  it('defaults to baseline for a repository whose configuration names none', () => {
    expect(DEFAULT_PROFILE).toBe('baseline');
  });
});
