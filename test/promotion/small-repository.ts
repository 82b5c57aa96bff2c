// The smallest repository promote and diff work on: one Deployment in a base, a canary overlay one release
// ahead of prod, one commit. For the tests that start the commands as real processes
// (test/foundation/entry-points.test.ts), which prove the entry wiring, not what the commands do with this
// repository's own manifests (tested in-process on manifestRepository): renders and validation of one
// resource cost a fraction of the full overlays' in a process that imports and compiles everything afresh.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './repo.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gateway
spec:
  selector:
    matchLabels:
      app: gateway
  template:
    metadata:
      labels:
        app: gateway
    spec:
      containers:
        - name: gateway
          image: ghcr.io/openclaw/openclaw
`;

const overlay = (name: string, tag: string) =>
  `namespace: openclaw-${name}\nresources:\n  - ../../base\nimages:\n  - name: ghcr.io/openclaw/openclaw\n    newTag: "${tag}"\n`;

const FILES: Readonly<Record<string, string>> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': DEPLOYMENT,
  'overlays/canary/kustomization.yaml': overlay('canary', '2026.9.6'),
  'overlays/prod/kustomization.yaml': overlay('prod', '2026.9.5'),
};

/** A new one-commit repository with FILES; the caller removes it (removeRepository). */
export async function smallPromotionRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-small-promotion-'));
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await git(dir, 'add', '--all');
  await git(dir, '-c', 'user.name=Promotion Test', '-c', 'user.email=promotion-test@example.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--message', 'manifests');
  return dir;
}
