// `npm run schemas`: regenerates schemas/ from the installed packages (see schemas/README.md).
import { relative } from 'node:path';
import { vendorOpenclawConfigSchema } from '../lib/openclaw/config-schema.ts';
import { generateSchemas } from './generator.ts';
import { PROJECT_ROOT, SCHEMAS_DIR } from './paths.ts';

try {
  const written = await generateSchemas({ outDir: SCHEMAS_DIR });
  console.log(`wrote ${written.length} schemas to ${relative(PROJECT_ROOT, SCHEMAS_DIR)}/`);
  // The application's own config schema comes from the pinned openclaw release (installed from npm once).
  const appSchema = await vendorOpenclawConfigSchema(SCHEMAS_DIR, (line) => console.log(line));
  console.log(`wrote ${relative(PROJECT_ROOT, appSchema)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
