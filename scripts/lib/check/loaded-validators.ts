// Validators this process has loaded already, for a host that runs many commands in one process (the test
// workers, through keepLoadedValidators): each run would otherwise read, parse and hash the same schema files
// and load the same cached code again. A validator is served only while both files it came from are
// unchanged: the schema, and the cache entry it was loaded from. A rewritten or tampered entry, or an edited
// schema, goes through every check of a first load again. Off unless a host asks for it.
import { lstatSync, statSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { fileSignature } from '../file-signature.ts';

interface KeptValidator {
  schemaIdentity: string;
  entry: string;
  entryIdentity: string;
  validator: ValidateFunction;
}

let kept: Map<string, KeptValidator> | undefined;

export function keepLoadedValidators(): void {
  kept ??= new Map();
}

/** Whether this process keeps what it loads: a command run does not, and pays nothing for it. */
export function keepsLoadedValidators(): boolean {
  return kept !== undefined;
}

/**
 * Changes when the file is written or replaced (fileSignature); undefined when it is not there.
 * A schema is read through a symbolic link, so its identity is that of both the link and the file it names;
 * a cache entry that is a link is never read (compiled-cache.ts), and the link's own identity tells it.
 */
export function fileIdentity(file: string, follow = false): string | undefined {
  const link = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  const target = follow && link?.isSymbolicLink() ? statSync(file, { bigint: true, throwIfNoEntry: false }) : link;
  return link && target && `${fileSignature(link)}/${fileSignature(target)}`;
}

/** `cache` names the cache directory and compiler the validator was made for. */
export function keptValidator(cache: string, schemaFile: string): ValidateFunction | undefined {
  const found = kept?.get(`${cache}\0${schemaFile}`);
  if (!found || found.schemaIdentity !== fileIdentity(schemaFile, true) || found.entryIdentity !== fileIdentity(found.entry)) return undefined;
  return found.validator;
}

/** `schemaIdentity`: taken before the schema was read, so that an edit made meanwhile is never hidden. */
export function keepValidator(cache: string, schemaFile: string, schemaIdentity: string | undefined, entry: string, validator: ValidateFunction): void {
  const entryIdentity = kept && fileIdentity(entry);
  if (!kept || schemaIdentity === undefined || entryIdentity === undefined) return;
  kept.set(`${cache}\0${schemaFile}`, { schemaIdentity, entry, entryIdentity, validator });
}
