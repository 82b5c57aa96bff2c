// A configuration file that cannot be used: the command stops with one line and exit 2. Defined here, below
// the rules that throw it, so the command's error handling needs nothing from scripts/rules.
export class ConfigError extends Error {}
