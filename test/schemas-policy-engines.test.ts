// Kyverno and Strimzi, vendored from @kubernetes-models/kyverno and @kubernetes-models/strimzi-kafka-operator.
// Each manifest is written here in the shape the project's documentation shows; each schema accepts it and
// rejects a misspelled field or value.
import { describe, expect, it } from 'vitest';
import { schemaErrors as errorsOf } from './helpers/strict-schemas.ts';

const cases: { file: string; manifest: string; typo: [from: string, to: string, error: string] }[] = [
  {
    file: 'kyverno.io/clusterpolicy_v1.json',
    manifest: `
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-team-label
  annotations: {policies.kyverno.io/title: Require a team label}
spec:
  validationFailureAction: Enforce
  background: true
  rules:
    - name: check-team
      match:
        any: [{resources: {kinds: [Deployment, StatefulSet], namespaces: [openclaw]}}]
      exclude:
        any: [{resources: {namespaces: [kube-system]}}]
      validate:
        message: "Every workload carries a team label."
        pattern:
          metadata: {labels: {team: "?*"}}
    - name: pod-security
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        podSecurity: {level: restricted, version: latest}`,
    typo: ['validationFailureAction: Enforce', 'validationFailureActon: Enforce', '/spec must NOT have additional properties'],
  },
  {
    file: 'kyverno.io/policy_v1.json',
    manifest: `
apiVersion: kyverno.io/v1
kind: Policy
metadata: {name: add-default-limits, namespace: openclaw}
spec:
  rules:
    - name: default-memory
      match: {any: [{resources: {kinds: [Pod]}}]}
      mutate:
        patchStrategicMerge:
          spec:
            containers: [{(name): "*", resources: {limits: {+(memory): 512Mi}}}]`,
    typo: ['patchStrategicMerge', 'patchStrategicMerg', '/spec/rules/0/mutate must NOT have additional properties'],
  },
  {
    file: 'kyverno.io/policyexception_v2.json',
    manifest: `
apiVersion: kyverno.io/v2
kind: PolicyException
metadata: {name: allow-debug, namespace: kyverno}
spec:
  exceptions: [{policyName: require-team-label, ruleNames: [check-team]}]
  match:
    any: [{resources: {kinds: [Deployment], namespaces: [debug], names: ["tools-*"]}}]`,
    typo: ['policyName', 'policy', "/spec/exceptions/0 must have required property 'policyName'"],
  },
  {
    file: 'kyverno.io/clustercleanuppolicy_v2.json',
    manifest: `
apiVersion: kyverno.io/v2
kind: ClusterCleanupPolicy
metadata: {name: remove-finished-jobs}
spec:
  schedule: "*/30 * * * *"
  match: {any: [{resources: {kinds: [Job]}}]}
  conditions:
    any: [{key: "{{ target.status.succeeded || \`0\` }}", operator: GreaterThan, value: 0}]`,
    typo: ['operator: GreaterThan', 'operator: Greater', '/spec/conditions/any/0/operator must be equal to one of the allowed values'],
  },
  {
    file: 'policies.kyverno.io/validatingpolicy_v1.json',
    manifest: `
apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata: {name: require-probes}
spec:
  validationActions: [Deny]
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
  validations:
    - expression: "object.spec.template.spec.containers.all(c, has(c.readinessProbe))"
      message: "Every container has a readiness probe."`,
    typo: ['validationActions', 'validationAction', '/spec must NOT have additional properties'],
  },
  {
    file: 'kafka.strimzi.io/kafka_v1beta2.json',
    manifest: `
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: events
  namespace: kafka
  annotations: {strimzi.io/node-pools: enabled, strimzi.io/kraft: enabled}
spec:
  kafka:
    version: 3.9.0
    listeners:
      - {name: plain, port: 9092, type: internal, tls: false}
      - {name: tls, port: 9093, type: internal, tls: true}
    config:
      offsets.topic.replication.factor: 3
      min.insync.replicas: 2
  entityOperator:
    topicOperator: {}
    userOperator: {}`,
    typo: ['type: internal, tls: false', 'type: inside, tls: false', '/spec/kafka/listeners/0/type must be equal to one of the allowed values'],
  },
  {
    file: 'kafka.strimzi.io/kafkanodepool_v1beta2.json',
    manifest: `
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata: {name: brokers, namespace: kafka, labels: {strimzi.io/cluster: events}}
spec:
  replicas: 3
  roles: [controller, broker]
  storage:
    type: jbod
    volumes: [{id: 0, type: persistent-claim, size: 100Gi, deleteClaim: false, kraftMetadata: shared}]
  resources: {requests: {memory: 4Gi, cpu: 1}}`,
    typo: ['replicas: 3', 'replicas: "3"', '/spec/replicas must be integer'],
  },
  {
    file: 'kafka.strimzi.io/kafkatopic_v1beta2.json',
    manifest: `
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata: {name: orders, namespace: kafka, labels: {strimzi.io/cluster: events}}
spec:
  partitions: 12
  replicas: 3
  config: {retention.ms: 604800000, cleanup.policy: delete}`,
    typo: ['partitions: 12', 'partition: 12', '/spec must NOT have additional properties'],
  },
  {
    file: 'kafka.strimzi.io/kafkauser_v1beta2.json',
    manifest: `
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaUser
metadata: {name: orders-app, namespace: kafka, labels: {strimzi.io/cluster: events}}
spec:
  authentication: {type: tls}
  authorization:
    type: simple
    acls:
      - resource: {type: topic, name: orders, patternType: literal}
        operations: [Read, Describe]`,
    typo: ['operations: [Read, Describe]', 'operations: [Read, Peek]', '/spec/authorization/acls/0/operations/1 must be equal to one of the allowed values'],
  },
];

describe('policy engine and Kafka operator schemas', () => {
  for (const { file, manifest, typo } of cases) {
    it(`${file} accepts a documented manifest and rejects a typo`, () => {
      expect(errorsOf(file, manifest)).toEqual([]);
      expect(errorsOf(file, manifest.replace(typo[0], typo[1]))).toContain(typo[2]);
    });
  }
});
