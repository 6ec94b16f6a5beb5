import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFrom, viewFrom } from './testing.ts';
import { proxyView } from './proxy-view.ts';
import { resolveProxy } from './resolve-proxy.ts';
import { parseProxySpec, ProxySpecError } from './proxy-spec.ts';

const service = (name: string, ns: string, port = 80, annotations = '') => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}${annotations}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: ${port}}]}`;

const dr = (name: string, ns: string, host: string, extra = '') => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec:
  host: ${host}
${extra}`;

const hosts = (v: { services: readonly { hostname: string }[] }) => v.services.map((s) => s.hostname);

test('default scope: every service exported to the proxy namespace', () => {
  const y = service('a', 'ns1') + service('b', 'ns2', 80, ', annotations: {networking.istio.io/exportTo: "."}') + service('c', 'ns2', 80, ', annotations: {networking.istio.io/exportTo: "ns1"}');
  assert.deepEqual(hosts(viewFrom(y, 'sidecar:ns1')), ['a.ns1.svc.cluster.local', 'c.ns2.svc.cluster.local']);
  assert.deepEqual(hosts(viewFrom(y, 'sidecar:ns2')), ['a.ns1.svc.cluster.local', 'b.ns2.svc.cluster.local']);
});

test('Sidecar selection: workloadSelector, then namespace default, then root namespace default', () => {
  const sc = (name: string, ns: string, egress: string, selector = '') => `
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ${name}, namespace: ${ns}}
spec:
  ${selector}
  egress: [{hosts: ["${egress}"]}]`;
  const y = service('a', 'ns1') + service('b', 'ns2') + service('c', 'ns3')
    + sc('root', 'istio-system', '*/c.ns3.svc.cluster.local')
    + sc('ns1-default', 'ns1', './*')
    + sc('ns1-app', 'ns1', 'ns2/*', 'workloadSelector: {labels: {app: x}}');
  assert.deepEqual(hosts(viewFrom(y, 'sidecar:ns1:app=x')), ['b.ns2.svc.cluster.local']);
  assert.deepEqual(hosts(viewFrom(y, 'sidecar:ns1:app=y')), ['a.ns1.svc.cluster.local']);
  assert.deepEqual(hosts(viewFrom(y, 'sidecar:ns2')), ['c.ns3.svc.cluster.local']);
  assert.equal(viewFrom(y, 'sidecar:ns1:app=x').sidecarScope.sidecar?.name, 'ns1-app');
  // Gateways ignore Sidecars.
  assert.deepEqual(hosts(viewFrom(y, 'router:ns1:istio=gw')).length, 3);
});

test('Sidecar egress port listener trims ports; VS destinations are imported implicitly', () => {
  const y = `
---
apiVersion: v1
kind: Service
metadata: {name: multi, namespace: ns1}
spec: {ports: [{name: http, port: 80}, {name: tcp, port: 3306}]}` + service('hidden', 'ns2') + `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: ns1}
spec:
  hosts: [multi]
  http: [{route: [{destination: {host: hidden.ns2.svc.cluster.local}}]}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: ns1}
spec:
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
  egress:
  - port: {number: 80, protocol: HTTP, name: http}
    hosts: ["./*"]`;
  const v = viewFrom(y, 'sidecar:ns1');
  assert.deepEqual(hosts(v), ['hidden.ns2.svc.cluster.local', 'multi.ns1.svc.cluster.local']);
  assert.deepEqual(v.services.find((s) => s.name === 'multi')!.ports.map((p) => p.port), [80]);
  assert.equal(v.sidecarScope.outboundTrafficPolicy.mode, 'REGISTRY_ONLY');
  assert.equal(v.sidecarScope.egress[0]!.port?.number, 80);
  assert.deepEqual(v.virtualServices.map((x) => x.name), ['vs']);
});

test('same hostname in two namespaces: the proxy namespace wins', () => {
  const se = (ns: string) => `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: e, namespace: ${ns}}
spec: {hosts: [api.example.com], ports: [{number: 443, name: tls, protocol: TLS}], resolution: DNS}`;
  const y = se('a') + se('b');
  assert.equal(viewFrom(y, 'sidecar:b').serviceForHost('api.example.com')!.namespace, 'b');
  assert.equal(viewFrom(y, 'sidecar:a').serviceForHost('api.example.com')!.namespace, 'a');
  assert.equal(viewFrom(y, 'sidecar:c').services.length, 1);
});

test('VirtualService order for sidecars: private, exported to ns, public; mesh gateway only', () => {
  const vs = (name: string, ns: string, extra: string) => `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: [h-${name}.com]
  ${extra}
  http: [{route: [{destination: {host: x}}]}]`;
  const y = vs('pub', 'ns1', 'exportTo: ["*"]') + vs('priv', 'ns1', 'exportTo: ["."]') + vs('exp', 'ns2', 'exportTo: [ns1]')
    + vs('gwonly', 'ns1', 'gateways: [gw]') + vs('other-priv', 'ns2', 'exportTo: ["."]');
  assert.deepEqual(viewFrom(y, 'sidecar:ns1').virtualServices.map((v) => v.name), ['priv', 'exp', 'pub']);
  assert.deepEqual(viewFrom(y, 'sidecar:ns2').virtualServices.map((v) => v.name), ['other-priv', 'pub']);
});

test('routers: Gateways selecting the labels, VSes bound to them and visible to the proxy namespace', () => {
  const y = `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: other, namespace: istio-system}
spec: {selector: {istio: egress}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bound, namespace: app}
spec: {hosts: [a.com], gateways: [istio-system/gw], http: [{route: [{destination: {host: a}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: private, namespace: app}
spec: {hosts: [b.com], exportTo: ["."], gateways: [istio-system/gw], http: [{route: [{destination: {host: b}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: mesh, namespace: app}
spec: {hosts: [c.com], http: [{route: [{destination: {host: c}}]}]}`;
  const v = viewFrom(y, 'router:istio-system:istio=ingressgateway');
  assert.equal(v.isRouter, true);
  assert.deepEqual(v.gateways.map((g) => g.name), ['gw']);
  assert.deepEqual(v.virtualServices.map((x) => x.name), ['bound']);
  assert.deepEqual(viewFrom(y, 'router:app:istio=ingressgateway').virtualServices.map((x) => x.name), ['private', 'bound']);
});

test('DestinationRule lookup: proxy namespace, then service namespace, then root namespace', () => {
  const y = service('r', 'svcns')
    + dr('root', 'istio-system', 'r.svcns.svc.cluster.local')
    + dr('svc', 'svcns', 'r')
    + dr('client', 'client', 'r.svcns.svc.cluster.local')
    + dr('private', 'svcns2', 'r.svcns.svc.cluster.local', '  exportTo: ["."]');
  const name = (proxy: string) => viewFrom(y, proxy).destinationRule('r.svcns.svc.cluster.local')?.from[0]!.name;
  assert.equal(name('sidecar:client'), 'client');
  assert.equal(name('sidecar:svcns'), 'svc');
  assert.equal(name('sidecar:elsewhere'), 'svc');
  const onlyRoot = service('r', 'svcns') + dr('root', 'istio-system', 'r.svcns.svc.cluster.local');
  assert.equal(viewFrom(onlyRoot, 'sidecar:x').destinationRule('r.svcns.svc.cluster.local')?.from[0]!.name, 'root');
});

test('DestinationRule: exact host beats wildcard; wildcard longest; exportTo hides', () => {
  const y = service('r', 'ns') + dr('wide', 'ns', '"*.svc.cluster.local"') + dr('narrow', 'ns', '"*.ns.svc.cluster.local"')
    + service('s', 'ns') + dr('exact', 'ns', 's') + service('t', 'other') + dr('hidden', 'other', 't', '  exportTo: ["."]');
  const v = viewFrom(y, 'sidecar:ns');
  assert.equal(v.destinationRule('r.ns.svc.cluster.local')?.from[0]!.name, 'narrow');
  assert.equal(v.destinationRule('s.ns.svc.cluster.local')?.from[0]!.name, 'exact');
  // Proxy-namespace DRs come first, wildcards included.
  assert.equal(v.destinationRule('t.other.svc.cluster.local')?.from[0]!.name, 'wide');
  assert.equal(viewFrom(y, 'sidecar:third').destinationRule('t.other.svc.cluster.local'), undefined);
  assert.equal(viewFrom(y, 'sidecar:other').destinationRule('t.other.svc.cluster.local')?.from[0]!.name, 'hidden');
});

test('same-host DRs merge: subsets appended (duplicates ignored), first trafficPolicy kept; selector DR wins for matching workloads', () => {
  const y = service('r', 'ns')
    + dr('a', 'ns', 'r', '  trafficPolicy: {loadBalancer: {simple: RANDOM}}\n  subsets: [{name: v1, labels: {version: v1}}]')
    + dr('b', 'ns', 'r', '  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}\n  subsets: [{name: v1, labels: {version: x}}, {name: v2, labels: {version: v2}}]')
    + dr('sel', 'ns', 'r', '  workloadSelector: {matchLabels: {app: client}}\n  subsets: [{name: s1, labels: {version: s}}]');
  const merged = viewFrom(y, 'sidecar:ns').destinationRule('r.ns.svc.cluster.local')!;
  assert.deepEqual(merged.from.map((d) => d.name), ['a', 'b']);
  assert.deepEqual(merged.spec.subsets.map((s: any) => `${s.name}:${s.labels.version}`), ['v1:v1', 'v2:v2']);
  assert.equal(merged.spec.trafficPolicy.loadBalancer.simple, 'RANDOM');
  assert.equal(viewFrom(y, 'sidecar:ns:app=client').destinationRule('r.ns.svc.cluster.local')!.from[0]!.name, 'sel');
  // A selector DR applies only in its own namespace.
  assert.deepEqual(viewFrom(y, 'sidecar:other:app=client').destinationRule('r.ns.svc.cluster.local')!.from.map((d) => d.name), ['a', 'b']);
});

test('PeerAuthentication: mesh → namespace → workload → port level; unset inherits', () => {
  const pa = (name: string, ns: string, body: string) => `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${ns}}
spec:
${body}`;
  const y = pa('mesh', 'istio-system', '  mtls: {mode: STRICT}')
    + pa('ns', 'permissive', '  mtls: {mode: PERMISSIVE}')
    + pa('wl', 'permissive', '  selector: {matchLabels: {app: a}}\n  mtls: {mode: UNSET}\n  portLevelMtls: {"8080": {mode: DISABLE}}');
  assert.equal(viewFrom(y, 'sidecar:other').inboundMtlsMode(80), 'STRICT');
  assert.equal(viewFrom(y, 'sidecar:permissive').inboundMtlsMode(80), 'PERMISSIVE');
  assert.equal(viewFrom(y, 'sidecar:permissive:app=a').inboundMtlsMode(80), 'PERMISSIVE');
  assert.equal(viewFrom(y, 'sidecar:permissive:app=a').inboundMtlsMode(8080), 'DISABLE');
  assert.equal(viewFrom('', 'sidecar:x').inboundMtlsMode(80), 'PERMISSIVE');
  assert.equal(viewFrom(y, 'sidecar:x').namespaceMtlsMode('permissive'), 'PERMISSIVE');
});

test('pod/NAME.NS: labels, IP, router when a Gateway selects it; clear error when missing', () => {
  const y = service('web', 'app') + `
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: app, labels: {app: web}}
spec: {containers: [{name: c}]}
status: {podIP: 10.4.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: ingress-1, namespace: istio-system, labels: {istio: ingressgateway}}
spec: {containers: [{name: c}]}
status: {podIP: 10.4.0.9}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}`;
  const m = modelFrom(y);
  const web = resolveProxy(m, parseProxySpec('pod/web-1.app'));
  assert.deepEqual([web.type, web.namespace, web.ips, web.labels], ['sidecar', 'app', ['10.4.0.2'], { app: 'web' }]);
  assert.deepEqual(proxyView(m, web).inbound.map((i) => [i.service.name, i.targetPort]), [['web', 80]]);
  assert.equal(resolveProxy(m, parseProxySpec('pod/ingress-1.istio-system')).type, 'router');
  assert.throws(() => resolveProxy(m, parseProxySpec('pod/nope.app')), (e: unknown) => e instanceof ProxySpecError && /pod "nope" not found in namespace "app"; pods in that namespace: web-1/.test(e.message));
});

test('parseProxySpec: pod/NAME takes the default namespace given; an empty name or namespace is an error', () => {
  assert.deepEqual(parseProxySpec('pod/web-1', 'app'), { pod: 'web-1', namespace: 'app' });
  assert.deepEqual(parseProxySpec('pod/web-1'), { pod: 'web-1', namespace: 'default' });
  assert.deepEqual(parseProxySpec('pod/a.b.c', 'app'), { pod: 'a.b', namespace: 'c' });
  for (const bad of ['pod/', 'pod/.app', 'pod/web-1.']) assert.throws(() => parseProxySpec(bad), ProxySpecError, bad);
});

test('resolveProxy: a pod missing from the namespace asked but present in another says where', () => {
  const m = modelFrom(POD_IN_APP);
  assert.throws(() => resolveProxy(m, parseProxySpec('pod/web-1')), (e: unknown) => e instanceof ProxySpecError && /a pod of that name is in namespace "app" \(pod\/web-1\.app\)/.test(e.message));
});

const POD_IN_APP = `apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: app, labels: {app: web}}
spec: {containers: [{name: web, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.0.0.1, phase: Running}
`;
