// Helpers for the loopback tests: which addresses a process listens on, seen from the kernel's
// side (/proc, as `ss -ltnp` reads it), and whether a port answers on a given address.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';

/** Linux only: elsewhere the process-side assertions are skipped (the connection tests still run). */
export const canReadSockets = existsSync('/proc/net/tcp') && existsSync(`/proc/${process.pid}/fd`);

export interface ListeningSocket {
  address: string;
  port: number;
}

/** Every TCP socket that process `pid` listens on (IPv4 and IPv6). */
export function listeningSockets(pid: number): ListeningSocket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed while we looked
    }
  }
  const sockets: ListeningSocket[] = [];
  for (const [table, decode] of [
    ['/proc/net/tcp', decodeIpv4],
    ['/proc/net/tcp6', decodeIpv6],
  ] as const) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue; // 0A: LISTEN
      const [hexAddress, hexPort] = local.split(':') as [string, string];
      sockets.push({ address: decode(hexAddress), port: parseInt(hexPort, 16) });
    }
  }
  return sockets;
}

/** The kernel prints each 32-bit word of an address in the machine's byte order. */
function wordBytes(hex: string): number[] {
  const bytes = Buffer.from(hex, 'hex');
  return [...(os.endianness() === 'LE' ? bytes.reverse() : bytes)];
}

function decodeIpv4(hex: string): string {
  return wordBytes(hex).join('.');
}

function decodeIpv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((start) => wordBytes(hex.slice(start, start + 8)));
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  // Only the forms the tests compare with need to be canonical: '::', '::1' and v4-mapped ones.
  if (groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff') return `::ffff:${bytes.slice(12).join('.')}`;
  if (groups.slice(0, 7).every((group) => group === '0')) return groups[7] === '0' ? '::' : `::${groups[7]}`;
  return groups.join(':');
}

/** This machine's addresses that are not loopback (where another computer could connect). */
export function nonLoopbackAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal && (info.family === 'IPv4' || info.scopeid === 0))
    .map((info) => info!.address);
}

/** Tries a TCP connection: 'connected', or the error code (ECONNREFUSED when nobody listens there). */
export function tryConnect(host: string, port: number, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** A port nobody listens on right now (the kernel picks it; closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The processes whose parent is `pid` (read from /proc/<pid>/stat). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (command) state ppid ...": the command may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}
