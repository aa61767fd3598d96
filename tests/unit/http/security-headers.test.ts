import { describe, expect, it } from 'vitest';
import { baselineSecurityHeaders, createNonce, pageContentSecurityPolicy } from '@/lib/http/security-headers';

describe('security headers', () => {
  it('sends HSTS only when served over HTTPS', () => {
    expect(baselineSecurityHeaders({ https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(baselineSecurityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
  });

  it('sets nosniff, a referrer policy and forbids framing on every response', () => {
    const headers = baselineSecurityHeaders({ https: false });
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('gives pages a nonce-based script policy without unsafe-inline', () => {
    const nonce = createNonce();
    const policy = pageContentSecurityPolicy(nonce, { dev: false, https: false });
    const scriptSrc = policy.split('; ').find((directive) => directive.startsWith('script-src'));
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
