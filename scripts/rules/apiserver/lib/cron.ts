// The cron syntax the API server accepts for a CronJob's schedule: github.com/robfig/cron/v3 `ParseStandard`
// (five fields, or a descriptor such as @hourly or `@every 1h30m`), as k8s.io/kubernetes pkg/apis/batch/validation
// validateScheduleFormat calls it. Returns why a schedule is refused, undefined when it parses.

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = Object.fromEntries(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, i) => [name, i + 1]));
const DAY_NAMES = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((name, i) => [name, i]));

const FIELDS: ReadonlyArray<{ name: string; bounds: Bounds }> = [
  { name: 'minute', bounds: { min: 0, max: 59 } },
  { name: 'hour', bounds: { min: 0, max: 23 } },
  { name: 'day of month', bounds: { min: 1, max: 31 } },
  { name: 'month', bounds: { min: 1, max: 12, names: MONTH_NAMES } },
  { name: 'day of week', bounds: { min: 0, max: 6, names: DAY_NAMES } },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** Go's time.ParseDuration: "0", or signed numbers each with a unit. */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

export function cronProblem(schedule: string): string | undefined {
  if (schedule.length === 0) return 'is empty';
  let spec = schedule;
  // A TZ=/CRON_TZ= prefix parses (the rule refuses it on its own); the cron part after it is what is judged here.
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    spec = space === -1 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      return GO_DURATION.test(spec.slice('@every '.length)) ? undefined : `"${spec}" does not name a duration such as 1h30m`;
    }
    return `"${spec}" is not a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every DURATION)`;
  }
  const fields = spec.split(/\s+/).filter((field) => field !== '');
  if (fields.length !== 5) return `has ${fields.length} fields; a schedule has exactly 5 (minute, hour, day of month, month, day of week) or is a descriptor such as @hourly`;
  for (let i = 0; i < 5; i++) {
    const { name, bounds } = FIELDS[i]!;
    for (const part of fields[i]!.split(',').filter((piece) => piece !== '')) {
      const problem = rangeProblem(part, bounds);
      if (problem) return `${name} field "${fields[i]}": ${problem}`;
    }
  }
  return undefined;
}

function rangeProblem(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) return `too many slashes in "${expr}"`;
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number | undefined;
  let end: number | undefined;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') [start, end] = [bounds.min, bounds.max];
  else {
    if (lowAndHigh.length > 2) return `too many hyphens in "${expr}"`;
    start = value(lowAndHigh[0]!, bounds);
    if (start === undefined) return `"${lowAndHigh[0]}" is not a number${bounds.names ? ' or a name' : ''}`;
    end = lowAndHigh.length === 2 ? value(lowAndHigh[1]!, bounds) : start;
    if (end === undefined) return `"${lowAndHigh[1]}" is not a number${bounds.names ? ' or a name' : ''}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = integer(rangeAndStep[1]!);
    if (parsed === undefined) return `step "${rangeAndStep[1]}" is not a number`;
    step = parsed;
    if (lowAndHigh.length === 1) end = bounds.max; // "N/step" runs from N to the maximum
  }
  if (start < bounds.min) return `${start} is below the minimum ${bounds.min}`;
  if (end > bounds.max) return `${end} is above the maximum ${bounds.max}`;
  if (start > end) return `the range ${start}-${end} runs backwards`;
  if (step === 0) return 'a step must be a positive number';
  return undefined;
}

function value(text: string, bounds: Bounds): number | undefined {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? integer(text);
}

/** strconv.Atoi of a non-negative number (a '-' never reaches here: it splits ranges). */
function integer(text: string): number | undefined {
  return /^\+?\d+$/.test(text) ? Number(text) : undefined;
}
