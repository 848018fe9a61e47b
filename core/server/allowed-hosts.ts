import { networkInterfaces } from 'node:os';

/**
 * DNS-rebinding defence: a page on evil.example that re-resolves its name to 127.0.0.1 still sends
 * `Host: evil.example`, so only the loopback names (and the --host the user chose) are answered.
 */
export function allowedHosts(port: number, boundHost: string, machineAddresses: readonly string[] = localAddresses()): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (!isWildcard(boundHost)) hosts.add(`${hostForUrl(boundHost)}:${port}`.toLowerCase());
  // Bound to every address (0.0.0.0, ::), it answers on every address of this machine, as it says;
  // a name that only rebinds to one of them (evil.example) is still refused.
  else for (const address of machineAddresses) hosts.add(`${hostForUrl(address)}:${port}`.toLowerCase());
  return hosts;
}

/** Every IP address of this machine's interfaces, IPv6 without a zone. */
export function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => i.address.split('%')[0] as string);
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** IPv6 literals go in brackets in a URL and a Host header. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Same-origin requests send an Origin only sometimes; when they do, it must be one of ours. */
export function isAllowedOrigin(origin: string | undefined, hosts: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  const match = /^http:\/\/([^/]+)$/.exec(origin.toLowerCase());
  return match !== null && hosts.has(match[1] as string);
}
