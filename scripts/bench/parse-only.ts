// The baseline of the throughput benchmark: the least any validator must do, parse every document.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: parse-only.ts FILE\n');
  process.exit(2);
}
const values = parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' }).map((doc) => (Array.isArray(doc) ? doc : doc.toJS()));
process.stdout.write(`${values.length} documents\n`);
