import type { Rule } from '../rule.ts';
import { allowedOrigins } from './allowed-origins.ts';
import { appConfigSchema } from './app-config-schema.ts';

/** Rules that read an application's own configuration embedded in the render. */
export const appRules: readonly Rule[] = [appConfigSchema, allowedOrigins];
