// Git URLs are written many ways for one repository; compare them in one form.
import type { RuleSettings } from '../../rule.ts';

/** 'github.com/example-org/openclaw-gitops' for the https, ssh and scp-like forms, with or without `.git`. */
export function canonicalRepository(url: string): string {
  let rest = url.trim();
  const scpLike = /^[\w.-]+@([\w.-]+):(?!\/)(.*)$/.exec(rest);
  if (scpLike) rest = `${scpLike[1]}/${scpLike[2]}`;
  else rest = rest.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '');
  const [host = '', ...path] = rest.split('/');
  const cleanPath = path.join('/').replace(/\/+$/, '').replace(/\.git$/, '');
  return `${host.toLowerCase().replace(/:(22|443)$/, '')}/${cleanPath}`;
}

/** The repository configured for the rules: the `repository` setting. */
export function configuredRepository(settings: RuleSettings): string | undefined {
  return settings.repository;
}

/** True when `url` is the configured repository, or when none is configured (then gitops-source compares them). */
export function isThisRepository(url: string | undefined, settings: RuleSettings): boolean {
  const configured = configuredRepository(settings);
  if (configured === undefined || url === undefined) return true;
  return canonicalRepository(url) === canonicalRepository(configured);
}
