// Reads the manifests kustomize names as origins, once each, to give rendered resources real line numbers.
import { readFileSync, statSync } from 'node:fs';
import type { KubeObject } from '../model.ts';
import { parseYamlDocuments, type ParsedDocument } from '../parse/yaml-documents.ts';

export class OriginFiles {
  private readonly files = new Map<string, ParsedDocument[]>();

  /**
   * The document in `file` that produced `rendered`. Name prefixes and suffixes from the overlay
   * mean the original name is only a part of the rendered one.
   */
  documentFor(file: string, rendered: KubeObject): ParsedDocument | undefined {
    const candidates = this.documents(file).filter((document) => kindOf(document.value) === rendered.kind);
    if (candidates.length <= 1) return candidates[0];
    const renderedName = String(rendered.metadata?.name ?? '');
    const named = candidates.filter((document) => {
      const name = nameOf(document.value);
      return name !== '' && renderedName.includes(name);
    });
    // The longest original name that fits is the most specific match ('gateway' vs 'gateway-bridge').
    return named.sort((a, b) => nameOf(b.value).length - nameOf(a.value).length)[0] ?? candidates[0];
  }

  private documents(file: string): ParsedDocument[] {
    let key = file;
    try {
      const { mtimeMs, size } = statSync(file);
      key = `${file}\u0000${mtimeMs}\u0000${size}`;
    } catch {
      // Unreadable: cached as empty under its name below.
    }
    let documents = this.files.get(key);
    if (!documents) {
      try {
        documents = parseYamlDocuments(readFileSync(file, 'utf8')).documents;
      } catch {
        documents = [];
      }
      this.files.set(key, documents);
    }
    return documents;
  }
}

function kindOf(value: unknown): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>).kind : undefined;
}

function nameOf(value: unknown): string {
  const metadata = value && typeof value === 'object' ? (value as KubeObject).metadata : undefined;
  return typeof metadata?.name === 'string' ? metadata.name : '';
}
