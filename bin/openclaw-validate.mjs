#!/usr/bin/env node
// @ts-check
// The installed command (package.json "bin"): `openclaw-validate [PATH...] [options]` is `npm run validate`.
import { launch } from './launch.mjs';

await launch('validate', process.argv.slice(2));
