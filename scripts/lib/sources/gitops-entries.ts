// Where a cluster's GitOps graph can start outside the default places: a top-level directory whose own YAML
// files hold a Flux Kustomization or an Argo CD Application, ApplicationSet or AppProject (an app of apps'
// bootstrap/, apps/ and projects/, a hand-applied Flux root). Only the text is looked at here; the pipeline parses what is chosen.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

export interface GitOpsEntryDirectory {
  /** The top-level directory's name. */
  name: string;
  /** The file of it that holds the object. */
  file: string;
  /** "an Argo CD Application", "a Flux Kustomization". */
  holds: string;
}

const API_VERSION = /^apiVersion:\s*["']?(kustomize\.toolkit\.fluxcd\.io|argoproj\.io)\/[^\s"']+["']?\s*$/m;
const KIND = /^kind:\s*["']?(Kustomization|Application|ApplicationSet|AppProject)["']?\s*$/m;
/** Files of a directory looked into, and bytes read of each: entry points are a few small files. */
const MAX_ENTRY_FILES = 200;
const MAX_ENTRY_FILE_BYTES = 256 * 1024;

/**
 * The top-level directories of `root` (not hidden, not node_modules, not `skipped`) whose own YAML files hold a
 * GitOps object that reconciles paths (or an AppProject, which Argo CD's are applied with), with the first one. A Helm chart's directory is not one: its
 * templates are not manifests until Helm renders them.
 */
export function gitopsEntryDirectories(root: string, skipped: readonly string[]): GitOpsEntryDirectory[] {
  const skip = new Set([...skipped, 'node_modules']);
  const found: GitOpsEntryDirectory[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || skip.has(entry.name)) continue;
    const dir = join(root, entry.name);
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((file) => file.isFile() && /\.ya?ml$/i.test(file.name))
      .map((file) => file.name)
      .sort();
    if (files.includes('Chart.yaml')) continue;
    for (const file of files.slice(0, MAX_ENTRY_FILES)) {
      const holds = reconcilerIn(readHead(join(dir, file)));
      if (holds === undefined) continue;
      found.push({ name: entry.name, file, holds });
      break;
    }
  }
  return found;
}

/** The first YAML document of `text` that is a Flux Kustomization or an Argo CD Application, ApplicationSet or AppProject. */
function reconcilerIn(text: string): string | undefined {
  for (const document of text.split(/^---\s*$/m)) {
    const api = API_VERSION.exec(document);
    const kind = KIND.exec(document);
    if (api && kind) return `${api[1] === 'argoproj.io' ? 'an Argo CD' : 'a Flux'} ${kind[1]}`;
  }
  return undefined;
}

function readHead(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(MAX_ENTRY_FILE_BYTES);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
