// The e2e mesh: ServiceEntry `echo.test.svc.cluster.local:7070` (STATIC endpoints = the backends),
// a DestinationRule with subsets v1/v2/v3, and a VirtualService whose http rules the tests vary.
export interface MeshPorts { readonly v1: number; readonly v2: number; readonly v3: number }

export const ECHO_HOST = 'echo.test.svc.cluster.local';
export const ECHO_TARGET = `${ECHO_HOST}:7070`;

export function meshYaml(p: MeshPorts, vsHttp: string): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: echo, namespace: test }
spec:
  hosts: [${ECHO_HOST}]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 7070, name: grpc, protocol: GRPC }]
  endpoints:
  - { address: 127.0.0.1, ports: { grpc: ${p.v1} }, labels: { version: v1 } }
  - { address: 127.0.0.1, ports: { grpc: ${p.v2} }, labels: { version: v2 } }
  - { address: 127.0.0.1, ports: { grpc: ${p.v3} }, labels: { version: v3 } }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: echo, namespace: test }
spec:
  host: ${ECHO_HOST}
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
  - { name: v3, labels: { version: v3 } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: echo, namespace: test }
spec:
  hosts: [${ECHO_HOST}]
  http:
${vsHttp}`;
}

export const dest = (subset: string, weight?: number): string =>
  `{ destination: { host: ${ECHO_HOST}, subset: ${subset} }${weight !== undefined ? `, weight: ${weight}` : ''} }`;
