/**
 * The address a request came from. `next start` appends the peer's address to X-Forwarded-For, so the
 * last entry is the one no client can forge; behind TRUST_PROXY_HOPS reverse proxies, the entry that many
 * places from the end is the client's.
 */
export function clientIp(forwardedFor: string | null | undefined): string {
  const hops = Math.max(0, Number(process.env.TRUST_PROXY_HOPS ?? 0) || 0);
  const list = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return (list[list.length - 1 - hops] ?? list[0] ?? "unknown").slice(0, 64);
}
