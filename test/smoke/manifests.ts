// In-memory renders for the smoke's pure parts: what kustomize would output for a small gateway overlay.
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { Resource } from '../../scripts/lib/model.ts';

export function render(yaml: string): Resource[] {
  const parsed = parseResources(yaml, { source: 'memory', file: 'memory.yaml' });
  if (parsed.findings.length > 0) throw new Error(parsed.findings[0]!.message);
  return parsed.resources;
}

export const gatewayRender = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: openclaw-gateway, namespace: openclaw}
spec:
  selector: {matchLabels: {app: openclaw}}
  template:
    metadata: {labels: {app: openclaw, tier: gw}}
    spec:
      securityContext: {runAsUser: 1000, runAsGroup: 1000}
      containers:
        - name: gateway
          image: ghcr.io/openclaw/openclaw:2026.9.6
          args: ["node", "dist/index.js", "gateway", "--bind", "lan"]
          ports: [{name: gateway, containerPort: 18789}]
          env:
            - {name: OPENCLAW_GATEWAY_PORT, value: "18789"}
            - {name: PUBLIC, value: "https://$(HOST)"}
            - {name: HOST, value: chat.example.com}
            - name: POD_NAMESPACE
              valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
            - name: MODEL_KEY
              valueFrom: {secretKeyRef: {name: model-keys, key: ANTHROPIC_API_KEY}}
          envFrom:
            - secretRef: {name: openclaw-secrets}
          securityContext: {readOnlyRootFilesystem: true}
          startupProbe:
            httpGet: {path: /startupz, port: gateway}
            periodSeconds: 10
            failureThreshold: 30
            timeoutSeconds: 5
          readinessProbe:
            exec: {command: [node, -e, "probe()", /startupz, started]}
            successThreshold: 2
          livenessProbe:
            tcpSocket: {port: 18789}
            initialDelaySeconds: 5
          volumeMounts:
            - {name: state, mountPath: /home/node/.openclaw}
            - {name: config, mountPath: /etc/openclaw/openclaw.json, subPath: openclaw.json, readOnly: true}
            - {name: tmp, mountPath: /tmp}
      volumes:
        - {name: state, persistentVolumeClaim: {claimName: openclaw-state}}
        - {name: config, configMap: {name: openclaw-gateway-config-abc}}
        - {name: tmp, emptyDir: {}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: openclaw-gateway-config-abc, namespace: openclaw}
data:
  openclaw.json: '{"gateway": {"mode": "local"}}'
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: openclaw-secrets, namespace: openclaw}
spec:
  target: {name: openclaw-secrets}
  data:
    - {secretKey: OPENCLAW_GATEWAY_TOKEN, remoteRef: {key: openclaw/gateway}}
---
apiVersion: v1
kind: Service
metadata: {name: openclaw-gateway, namespace: openclaw, labels: {app: openclaw}}
spec:
  selector: {app: openclaw}
  ports: [{name: gateway, port: 80, targetPort: gateway}]
`;
