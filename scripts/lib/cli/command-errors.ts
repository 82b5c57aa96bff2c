// Which errors the commands print as one line with exit 2, and which are bugs. Loaded only when a command
// fails: the error classes it tells apart come with modules (execa, git, kustomize) a plain run does not need.
import { SchemaLoadError } from '../check/schema-validator.ts';
import { ConfigError } from './config-error.ts';
import { UsageError } from './command-line.ts';
import { KustomizeUnavailableError } from '../render/kustomize-binary.ts';
import { GitInputError } from '../release/git.ts';
import { KustomizationEditError } from '../release/images.ts';
import { OverlayInputError } from '../release/overlays.ts';
import { terminalLines, terminalText } from '../report/escape.ts';

/** One line, whatever the error says (messages quote paths and names from the repository); DEBUG keeps the stack. */
export function describeCommandFailure(command: string, error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const text = describe(command, error, env);
  return env.DEBUG ? terminalLines(text) : terminalText(text);
}

function describe(command: string, error: unknown, env: NodeJS.ProcessEnv): string {
  if (error instanceof UsageError) return `${command}: ${error.message} (see --help)`;
  if (
    error instanceof GitInputError ||
    error instanceof OverlayInputError ||
    error instanceof KustomizationEditError ||
    error instanceof KustomizeUnavailableError ||
    error instanceof SchemaLoadError ||
    error instanceof ConfigError
  ) {
    return `${command}: ${error.message}`;
  }
  if (env.DEBUG && error instanceof Error) return `${command}: internal error: ${error.stack}`;
  return `${command}: internal error: ${error instanceof Error ? error.message : String(error)}`;
}
