import { X509Certificate } from 'node:crypto';
import type { Json } from '../../envoy/types.ts';
import { AdminType, g, list, section, type Dump } from './dump.ts';
import { tabwrite } from '../text/tabwriter.ts';

/**
 * `proxy-config secret` (istioctl/pkg/writer/compare/sds). VALID CERT depends on the clock, which
 * is passed in (`now`), never read here.
 */
export interface SecretItem {
  readonly name: string;
  readonly state: 'ACTIVE' | 'WARMING';
  readonly type: string;
  readonly valid: boolean;
  readonly serial: string;
  readonly notAfter: string;
  readonly notBefore: string;
  readonly trustDomain: string;
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/;

function firstCert(inlineBytes: unknown): X509Certificate | undefined {
  if (typeof inlineBytes !== 'string') return undefined;
  const pem = Buffer.from(inlineBytes, 'base64').toString('latin1').match(PEM);
  if (!pem) return undefined;
  try { return new X509Certificate(pem[0]); } catch { return undefined; }
}

const rfc3339 = (s: string): string => new Date(s).toISOString().replace(/\.\d{3}Z$/, 'Z');

function spiffeTrustDomain(cert: X509Certificate): string {
  const m = (cert.subjectAltName ?? '').match(/URI:spiffe:\/\/([^/,\s]+)/);
  return m ? m[1]! : '';
}

function item(name: string, state: SecretItem['state'], cert: X509Certificate | undefined, now: Date, trustDomain?: string): SecretItem {
  if (!cert) return { name, state, type: '', valid: false, serial: '', notAfter: '', notBefore: '', trustDomain: trustDomain ?? '' };
  const from = new Date(cert.validFrom), to = new Date(cert.validTo);
  return {
    name, state,
    type: cert.ca ? 'CA' : 'Cert Chain',
    valid: now.getTime() >= from.getTime() && now.getTime() <= to.getTime(),
    serial: BigInt(`0x${cert.serialNumber}`).toString(16).padStart(32, '0'),
    notAfter: rfc3339(cert.validTo),
    notBefore: rfc3339(cert.validFrom),
    trustDomain: trustDomain ?? spiffeTrustDomain(cert),
  };
}

function itemsOf(entry: Json, state: SecretItem['state'], now: Date): SecretItem[] {
  const name = String(g(entry, 'name') ?? '');
  const secret = g(entry, 'secret');
  const chain = g(g(g(secret, 'tls_certificate'), 'certificate_chain'), 'inline_bytes');
  if (chain) return [item(name, state, firstCert(chain), now)];
  const vc = g(secret, 'validation_context');
  const validator = g(g(vc, 'custom_validator_config'), 'typed_config');
  if (validator && String(validator['@type'] ?? '').endsWith('SPIFFECertValidatorConfig')) {
    return list(validator, 'trust_domains').map((td) => item(name, state, firstCert(g(g(td, 'trust_bundle'), 'inline_bytes')), now, String(g(td, 'name') ?? '')));
  }
  return [item(name, state, firstCert(g(g(vc, 'trusted_ca'), 'inline_bytes')), now)];
}

/** Warming secrets, then active ones, in dump order. */
export function secretItems(dump: Dump, now: Date): SecretItem[] {
  const sec = section(dump, AdminType.Secrets);
  return [
    ...list(sec, 'dynamic_warming_secrets').flatMap((s) => itemsOf(s, 'WARMING', now)),
    ...list(sec, 'dynamic_active_secrets').flatMap((s) => itemsOf(s, 'ACTIVE', now)),
  ];
}

export function secretsTable(dump: Dump, now: Date, withName = false): string {
  const items = secretItems(dump, now);
  if (items.length === 0) return 'No active or warming secrets found.\n';
  const withTrust = items.every((s) => s.trustDomain !== '');
  const head = ['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE', ...(withTrust ? ['TRUST DOMAIN'] : [])];
  const rows = items.map((s) => [withName ? `secret/${s.name}` : s.name, s.type, s.state, String(s.valid), s.serial, s.notAfter, s.notBefore, ...(withTrust ? [s.trustDomain] : [])]);
  return tabwrite([head, ...rows].map((r) => r.join('\t')).join('\n') + '\n', { padding: 5 });
}
