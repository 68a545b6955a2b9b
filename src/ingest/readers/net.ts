// Address policy for fetching: refuse private, loopback, link-local, CGNAT, multicast, reserved and
// unspecified addresses (IPv4 and IPv6, including IPv4-mapped/-compatible, NAT64 and 6to4 forms).
import { isIP } from 'node:net';

function v4Blocked(b: number[]): string | null {
  const [a, c] = b;
  if (a === 0) return 'unspecified/"this network"';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 100 && c >= 64 && c <= 127) return 'carrier-grade NAT';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved/broadcast';
  if (a === 192 && c === 0 && (b[2] === 0 || b[2] === 2)) return 'reserved';
  if (a === 198 && (c === 18 || c === 19)) return 'benchmarking';
  if ((a === 198 && c === 51 && b[2] === 100) || (a === 203 && c === 0 && b[2] === 113)) return 'documentation';
  return null;
}

function parseV4(s: string): number[] | null {
  const p = s.split('.');
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return null;
  return p.map(Number);
}

/** 16 bytes of an IPv6 address (with an optional embedded dotted quad), or null. */
function parseV6(s: string): number[] | null {
  s = s.replace(/%.*$/, ''); // zone id
  let tail: number[] = [];
  const m = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (m) { const v4 = parseV4(m[2]); if (!v4) return null; tail = v4; s = m[1] + '0:0'; }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const grp = (h: string) => (h ? h.split(':') : []);
  const left = grp(halves[0]), right = halves.length === 2 ? grp(halves[1]) : [];
  const fill = 8 - left.length - right.length;
  if (halves.length === 1 ? left.length !== 8 : fill < 0) return null;
  const groups = [...left, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of groups) { if (!/^[0-9a-f]{1,4}$/i.test(g)) return null; const v = parseInt(g, 16); bytes.push(v >> 8, v & 255); }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Why an address must not be fetched from, or null when it is a public unicast address. */
export function blockedReason(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '');
  const kind = isIP(ip);
  if (kind === 4) return v4Blocked(parseV4(ip)!);
  if (kind !== 6) return 'not an IP address';
  const b = parseV6(ip);
  if (!b) return 'unparseable IPv6 address';
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 16)) return 'unspecified';
  if (zero(0, 15) && b[15] === 1) return 'loopback';
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Blocked(b.slice(12)) && `IPv4-mapped ${v4Blocked(b.slice(12))}`; // ::ffff:a.b.c.d
  if (zero(0, 12)) return 'IPv4-compatible (deprecated)';
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) { const r = v4Blocked(b.slice(12)); return r && `NAT64 ${r}`; }
  if (b[0] === 0x20 && b[1] === 0x02) { const r = v4Blocked(b.slice(2, 6)); return r && `6to4 ${r}`; }
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return 'site-local';
  if ((b[0] & 0xfe) === 0xfc) return 'unique local (private)';
  if (b[0] === 0xff) return 'multicast';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'documentation';
  if (b[0] === 0x01 && zero(1, 8)) return 'discard-only';
  return null;
}
