// An application's config embedded in a ConfigMap, checked against that application's own JSON Schema.
import { APP_CONFIG_RULE, readDeclarations } from '../../lib/app-config/declarations.ts';
import { humanPath, pointer } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { embeddedConfigs, locatedAt } from './embedded-config.ts';

export const appConfigSchema: Rule = {
  id: APP_CONFIG_RULE,
  severity: 'error',
  description:
    "A ConfigMap key declared in the configuration as an application's config (e.g. OpenClaw's openclaw.json) parses in its format and is valid against that application's own JSON Schema (schemas/apps/).",
  fix: 'Correct the config key or value named in the message as the application\'s schema describes it (for OpenClaw: `openclaw config schema` of the pinned release).',
  kinds: ['ConfigMap'],
  options: {
    configs: {
      type: 'mappings',
      description:
        'list of {configMap, key, schema, format, file}: the ConfigMap (name before kustomize prefixes/suffixes/hash), its data key, the schema file (repository-relative), json|json5|yaml, and optionally the file the key is generated from (for line numbers)',
    },
  },
  check(context) {
    const violations: Violation[] = [];
    const declarations = readDeclarations(context.settings.options[APP_CONFIG_RULE], `options.${APP_CONFIG_RULE}`);
    for (const declaration of declarations) {
      const schema = context.settings.appSchemas?.get(declaration.schema);
      for (const embedded of embeddedConfigs(context.resources, declaration.configMap, declaration.key, declaration.format)) {
        const path = pointer('data', declaration.key);
        if (embedded.error) {
          violations.push({
            resource: locatedAt(embedded.configMap, declaration.key, embedded.error.position, declaration),
            path,
            message: `${declaration.key} is not valid ${declaration.format.toUpperCase()}: ${embedded.error.message}`,
          });
          continue;
        }
        if (!embedded.parsed) {
          violations.push({ resource: embedded.configMap, path: '/data', message: `the ConfigMap has no key "${declaration.key}", declared as the application config` });
          continue;
        }
        if (!schema) {
          violations.push({ resource: embedded.configMap, path, message: `schema ${declaration.schema} was not loaded: run through npm run validate, which reads it from the configuration` });
          continue;
        }
        for (const error of schema.validate(embedded.parsed.value)) {
          const inner = embedded.parsed.positions.get(error.pointer) ?? nearest(embedded.parsed.positions, error.pointer);
          violations.push({
            resource: locatedAt(embedded.configMap, declaration.key, inner, declaration),
            path,
            message: `${declaration.key}: ${humanPath(error.pointer) || '(top level)'} (${error.pointer || '/'}): ${error.message} (schema ${declaration.schema})`,
          });
        }
      }
    }
    return violations;
  },
};

/** An unknown key's own position is known; for a missing one, the closest parent that exists. */
function nearest(positions: ReadonlyMap<string, { line: number; column: number }>, ptr: string) {
  for (let current = ptr; current !== ''; current = current.slice(0, current.lastIndexOf('/'))) {
    const position = positions.get(current);
    if (position) return position;
  }
  return positions.get('');
}
