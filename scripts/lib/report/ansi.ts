// The few ANSI SGR codes the text report uses; a dependency for five escape sequences is not worth it.

const CODES = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  bold: [1, 22],
  dim: [2, 22],
} as const;

export type Style = keyof typeof CODES;
export type Paint = (style: Style, text: string) => string;

/**
 * Each style closes with its own reset code (39 resets only the colour, 22 only bold/dim) so that nesting
 * a dim path inside a coloured line does not switch the outer style off.
 */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => (text === '' ? text : `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`);
}
