// Benchmark: load -> validate -> snapshot of 10,000 generated resources (a realistic mix of
// VirtualService, DestinationRule, Service and Pod YAML), via loadConfigFromText.
// Reports load.resources10k.ms (target < 1000) and load.resources10k.rssMB.
import { loadConfigFromText } from '../../src/config/index.ts';

const TOTAL = 10_000;

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: ns-${i % 50}
  labels: {app: svc-${i}}
spec:
  selector:
    app: svc-${i}
  ports:
  - name: http
    port: 9080
    targetPort: 9080
  - name: grpc-api
    port: 9090
`;
}

function pod(i: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: svc-${i}-v1-5d8f7c9b4-abcde
  namespace: ns-${i % 50}
  labels:
    app: svc-${i}
    version: v1
  annotations:
    sidecar.istio.io/status: '{"containers":["istio-proxy"]}'
spec:
  containers:
  - name: app
    image: example/svc:1.0
    ports:
    - containerPort: 9080
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.29.0
status:
  podIP: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}
  conditions:
  - type: Ready
    status: "True"
`;
}

function virtualService(i: number): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: svc-${i}
  namespace: ns-${i % 50}
spec:
  hosts:
  - svc-${i}
  http:
  - name: jason
    match:
    - headers:
        end-user:
          exact: jason
      uri:
        prefix: /api/v1
    route:
    - destination:
        host: svc-${i}
        subset: v2
    timeout: 3s
    retries:
      attempts: 3
      perTryTimeout: 1s
      retryOn: 5xx,reset,connect-failure
  - route:
    - destination:
        host: svc-${i}
        subset: v1
      weight: 90
    - destination:
        host: svc-${i}
        subset: v2
      weight: 10
`;
}

function destinationRule(i: number): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: svc-${i}
  namespace: ns-${i % 50}
spec:
  host: svc-${i}
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 100
      http:
        http1MaxPendingRequests: 10
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
    tls:
      mode: ISTIO_MUTUAL
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`;
}

const GENERATORS = [service, pod, virtualService, destinationRule];

/** 10,000 resources in 100 files of 100 documents each. */
export function generateTexts(total = TOTAL): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  const perFile = 100;
  for (let f = 0; f < total / perFile; f++) {
    const docs: string[] = [];
    for (let d = 0; d < perFile; d++) {
      const n = f * perFile + d;
      docs.push(GENERATORS[n % GENERATORS.length](Math.floor(n / GENERATORS.length)));
    }
    files.push({ path: `gen/file-${f}.yaml`, text: docs.join('---\n') });
  }
  return files;
}

const RUNS = 3;

export default {
  name: 'load',
  run(): Record<string, number> {
    const texts = generateTexts();
    loadConfigFromText(texts.slice(0, 5)); // warm up the JIT and lazily built tables
    let best = Infinity, bestCpu = Infinity, rssDelta = 0;
    for (let run = 0; run < RUNS; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      const rss0 = process.memoryUsage().rss;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const cfg = loadConfigFromText(texts);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const objects = cfg.snapshot.objects.length;
      const errors = cfg.diagnostics.filter((d) => d.severity === 'Error');
      if (objects !== TOTAL || errors.length) throw new Error(`load bench: expected ${TOTAL} valid objects, got ${objects} (${errors.length} errors, first: ${errors[0]?.message})`);
      best = Math.min(best, ms);
      bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
      rssDelta = Math.max(rssDelta, process.memoryUsage().rss - rss0);
    }
    return {
      // Best of RUNS runs, so a busy machine disturbs the figure less.
      'load.resources10k.ms': Math.round(best),
      // CPU time (user + system) of the best run: wall time also counts time given to other processes.
      'load.resources10k.cpuMs': Math.round(bestCpu),
      'load.resources10k.rssMB': Math.round(process.memoryUsage().rss / 1048576),
      'load.resources10k.rssDeltaMB': Math.round(rssDelta / 1048576),
    };
  },
};
