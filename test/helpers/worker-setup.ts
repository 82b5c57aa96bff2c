// Runs in each test worker before each test file (vitest.config.ts, setupFiles): the kustomize lookup the
// run made once (test/helpers/global-setup.ts) serves every lookup with the same KUSTOMIZE, PATH and cache
// directory, so a command run in-process does not start `kustomize version` and `kubectl version` again.
// A test that looks kustomize up with another PATH or KUSTOMIZE still runs the real lookup.
// Schema validators loaded by one in-process run serve the next while their files are unchanged
// (scripts/lib/check/loaded-validators.ts), as a first load would give them again.
import { inject } from 'vitest';
import { keepLoadedValidators } from '../../scripts/lib/check/loaded-validators.ts';
import { reuseKustomizeLookup } from '../../scripts/lib/render/kustomize-binary.ts';

keepLoadedValidators();

const kustomize = inject('kustomizeLookup');
if (kustomize) reuseKustomizeLookup(kustomize.lookup, kustomize.env);
