// `npm run schemas`: regenerates schemas/ from the installed packages (see schemas/README.md).
import { relative } from 'node:path';
import { generateSchemas } from './generator.ts';
import { PROJECT_ROOT, SCHEMAS_DIR } from './paths.ts';

try {
  const written = await generateSchemas({ outDir: SCHEMAS_DIR });
  console.log(`wrote ${written.length} schemas to ${relative(PROJECT_ROOT, SCHEMAS_DIR)}/`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
