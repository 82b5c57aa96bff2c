// A small repository written the way a hostile pull request would write it: an overlay directory whose name
// carries workflow commands, a resource name with terminal escapes, keys that try to forge Markdown.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** An overlay directory named so that a raw progress line would stop and forge workflow commands. */
export const EVIL_OVERLAY = 'overlays/evil\n::stop-commands::pwned\n::error::forged-progress';
/** What a forged heading, a hidden rest and a forged annotation would look like if any escaped. */
export const FORGED = ['## ✅ forged', '<!--', '::error file=x::forged', '::stop-commands::'];

// kustomize refuses to output control characters other than newline; plain manifests (flux/) have no such filter.
const NAME = 'cm\n::error file=x::forged\n## ✅ forged heading';
export const CONTROL_NAME = 'plain\u001b[31m\u009b2J\u202e\u0007\n::error::forged';
const ANNOTATION = 'ignore-check.openclaw.dev/no-such\n## ✅ forged\n<!--';
export const EVIL_KEY = 'a\n## ✅ forged\n<!--';

export function configMap(extraKey: boolean): string {
  const data = { plain: 'v', ...(extraKey ? { [EVIL_KEY]: 'x```y' } : {}) };
  // JSON is YAML: every hostile string is written with escapes (kustomize refuses raw controls) and read back raw.
  return `${asciiJson({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: NAME, annotations: { [ANNOTATION]: 'r' } },
    data,
  })}\n`;
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u00a0\u2028-\u206f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function git(cwd: string, ...args: string[]): Promise<string> {
  return String((await execa('git', args, { cwd, stdin: 'ignore' })).stdout);
}

/** Makes `root` a git repository whose one commit, by the attacker, holds every file in it. */
export async function commitEverything(root: string, message: string): Promise<void> {
  await git(root, 'init', '--quiet', '--initial-branch=main');
  await git(root, 'config', 'user.name', 'Attacker');
  await git(root, 'config', 'user.email', 'attacker@example.com');
  await git(root, 'config', 'commit.gpgsign', 'false');
  await git(root, 'add', '--all');
  await git(root, 'commit', '--quiet', '--message', message);
}

/**
 * The repository with one commit; `changed` then adds the hostile key in the working tree only. In `at` (an
 * empty directory) when given, else in a new temporary directory.
 */
export async function attackerRepository(at?: string): Promise<string> {
  const root = at ?? (await mkdtemp(join(tmpdir(), 'openclaw-attacker-')));
  const overlay = join(root, EVIL_OVERLAY);
  await mkdir(overlay, { recursive: true });
  await writeFile(join(overlay, 'kustomization.yaml'), 'resources:\n  - app.yaml\n');
  await writeFile(join(overlay, 'app.yaml'), configMap(false));
  await mkdir(join(root, 'flux'));
  const plain = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: CONTROL_NAME, namespace: 'x', annotations: { [ANNOTATION]: 'r' } } };
  await writeFile(join(root, 'flux', 'plain.yaml'), `${asciiJson(plain)}\n`);
  await commitEverything(root, 'base');
  await writeFile(join(overlay, 'app.yaml'), configMap(true));
  return root;
}

/** Any C0/C1 control but newline, DEL, and the bidi overrides: none may reach an output raw. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
