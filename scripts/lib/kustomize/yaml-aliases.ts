// Counts YAML aliases without expanding them: kustomize expands every alias while reading a resource
// file, so a few nested ones can make it allocate gigabytes. Only the concrete syntax tree is built,
// which takes time and memory in proportion to the file.
import { CST, Parser } from 'yaml';

/** The number of aliases in `bytes`, counted up to just past `limit`. */
export function countYamlAliases(bytes: Uint8Array, limit: number): number {
  if (!bytes.includes(0x2a)) return 0; // no `*` at all: no alias
  let count = 0;
  for (const token of new Parser().parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))) {
    if (token.type !== 'document' || !token.value) continue;
    CST.visit(token, (item) => {
      if (item.key && 'type' in item.key && item.key.type === 'alias') count += 1;
      if (item.value && item.value.type === 'alias') count += 1;
      return count > limit ? CST.visit.BREAK : undefined;
    });
    if (count > limit) break;
  }
  return count;
}
