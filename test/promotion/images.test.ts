import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KustomizationEditError, applyImageMoves, readImages } from '../../scripts/lib/release/images.ts';
import { PromotionRefused, planPromotion } from '../../scripts/lib/release/promotion.ts';
import { repositoryRoot } from '../helpers/cli.ts';

const FILE = 'overlays/prod/kustomization.yaml';
const prod = readFileSync(join(repositoryRoot, 'test/fixtures/promotion/prod-with-digest.yaml'), 'utf8');
const gateway = 'ghcr.io/openclaw/openclaw';

describe('kustomization images', () => {
  it('reads every entry with its name, tag and digest', () => {
    expect(readImages(prod, FILE)).toEqual([
      { name: gateway, newTag: '2026.2.26', digest: `sha256:${'1'.repeat(64)}` },
      { name: 'docker.io/chromedp/headless-shell', newTag: '131.0.6778.264' },
    ]);
  });

  it('removes the digest when the candidate has none, so tag and digest never disagree', () => {
    const [before] = readImages(prod, FILE);
    const after = applyImageMoves(prod, FILE, [{ name: gateway, before: before!, after: { name: gateway, newTag: '2026.3.1' } }]);

    expect(readImages(after, FILE)[0]).toEqual({ name: gateway, newTag: '2026.3.1' });
    // Byte for byte: the tag keeps its quotes and comment, the digest line goes, the version label moves.
    expect(after).toBe(
      prod
        .replace(`    digest: sha256:${'1'.repeat(64)}\n`, '')
        .replace('newTag: "2026.2.26"', 'newTag: "2026.3.1"')
        .replace('version: "2026.2.26"', 'version: "2026.3.1"'),
    );
  });

  it('leaves the other images and a version label that names another release alone', () => {
    const text = prod.replace('version: "2026.2.26"', 'version: "custom"');
    const [before] = readImages(text, FILE);
    const after = applyImageMoves(text, FILE, [{ name: gateway, before: before!, after: { ...before!, newTag: '2026.3.1' } }]);
    expect(after).toBe(text.replace('newTag: "2026.2.26"', 'newTag: "2026.3.1"'));
  });

  it('refuses a file it could only write back reformatted', () => {
    const odd = 'images:\n  - {name: a,   newTag: "1"}\n';
    expect(() => applyImageMoves(odd, FILE, [{ name: 'a', before: { name: 'a', newTag: '1' }, after: { name: 'a', newTag: '2' } }])).toThrow(KustomizationEditError);
  });
});

describe('planPromotion', () => {
  const canary = { path: 'overlays/canary', images: [{ name: gateway, newTag: '2026.3.1' }, { name: 'sidecar', newTag: '2' }] };
  const target = { path: 'overlays/prod', images: [{ name: gateway, newTag: '2026.2.26' }, { name: 'sidecar', newTag: '2' }] };

  it('moves only the images whose entries differ', () => {
    expect(planPromotion(canary, target, []).map((move) => move.name)).toEqual([gateway]);
  });

  it('refuses when the chosen image is equal, or missing in the target', () => {
    expect(() => planPromotion(canary, target, ['sidecar'])).toThrow(/nothing to promote: sidecar is already the same/);
    expect(() => planPromotion(canary, { ...target, images: [target.images[1]!] }, [])).toThrow(PromotionRefused);
  });
});
