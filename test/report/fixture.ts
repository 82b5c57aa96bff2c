// One small report every format test renders: a located error built the way rules build findings, a
// finding with no file or line (a failed render), a warning, and messages full of characters to escape.
import { findingAt, pointer, type Finding, type Report } from '../../scripts/lib/model.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { RuleInfo } from '../../scripts/lib/report/index.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gateway
  namespace: openclaw
spec:
  template:
    spec:
      containers:
        - name: gateway
          image: ghcr.io/openclaw/gateway:1.2.3
`;

export const NASTY_MESSAGE = 'value <"50%" & \'x\'>, see a:b\nsecond line\r\u0007bell';

export function locatedError(): Finding {
  const [resource] = parseResources(DEPLOYMENT, {
    source: 'overlays/prod',
    file: 'apps/gateway/deployment.yaml',
  }).resources;
  return findingAt(
    resource,
    {
      rule: 'run-as-non-root',
      severity: 'error',
      message: 'container "gateway" may run as root',
      fix: 'Set securityContext.runAsNonRoot: true.',
    },
    pointer('spec', 'template', 'spec', 'containers', 0),
  );
}

export const RENDER_FAILURE: Finding = {
  rule: 'render',
  severity: 'error',
  message: NASTY_MESSAGE,
  source: 'overlays/dev',
};

export const WARNING: Finding = {
  rule: 'deprecated-api',
  severity: 'warning',
  message: 'policy/v1beta1 PodDisruptionBudget is removed in Kubernetes 1.25',
  fix: 'Use policy/v1.',
  source: 'overlays/prod',
  file: 'apps/gateway/pdb.yaml',
  line: 1,
  column: 1,
  resource: { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', namespace: 'openclaw', name: 'gateway' },
  path: '/apiVersion',
};

export const RULES: RuleInfo[] = [
  {
    id: 'run-as-non-root',
    severity: 'error',
    description: 'Containers must not run as root.',
    fix: 'Set runAsNonRoot: true in the pod or container securityContext.',
  },
];

/** Findings deliberately out of order: every format must sort them the same way. */
export function fixtureReport(): Report {
  return {
    findings: [WARNING, RENDER_FAILURE, locatedError()],
    summary: { sources: 2, resources: 7, errors: 2, warnings: 1 },
    sources: [
      { source: 'overlays/prod', kind: 'kustomization', resources: 7, durationMs: 412 },
      { source: 'overlays/dev', kind: 'kustomization', resources: 0, durationMs: 1250 },
    ],
  };
}

export const EMPTY_REPORT: Report = {
  findings: [],
  summary: { sources: 1, resources: 3, errors: 0, warnings: 0 },
  sources: [{ source: 'overlays/prod', kind: 'kustomization', resources: 3, durationMs: 90 }],
};
