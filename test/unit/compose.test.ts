import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number };
  ports?: unknown[];
  container_name?: string;
  profiles?: string[];
  depends_on?: Record<string, { condition?: string }>;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

let compose: Compose;
let dockerfile: string;

beforeAll(async () => {
  // Compose resolves YAML merge keys (<<: *anchor); so must the test.
  compose = parse(await fs.readFile(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
  dockerfile = await fs.readFile(path.join(root, 'Dockerfile'), 'utf8');
});

const argv = (s: Service): string[] => (Array.isArray(s.command) ? s.command : String(s.command ?? '').split(/\s+/));
const svc = (name: string): Service => {
  const s = compose.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
};

describe('docker-compose.yml', () => {
  it('has redis, watcher and worker, and postgres only under a profile', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['redis', 'watcher', 'worker']));
    expect(svc('postgres').profiles).toEqual(['postgres']);
    for (const name of ['redis', 'watcher', 'worker']) expect(svc(name).profiles).toBeUndefined();
  });

  it('runs Redis 7 with noeviction and the append-only file, on a named volume', () => {
    const redis = svc('redis');
    expect(redis.image).toMatch(/^redis:7/);
    const cmd = argv(redis).join(' ');
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
    const volume = redis.volumes?.find((v) => v.endsWith(':/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
  });

  it('builds watcher and worker from the same Dockerfile image', () => {
    const watcher = svc('watcher');
    const worker = svc('worker');
    expect(watcher.build).toBe('.');
    expect(worker.build).toBe('.');
    expect(watcher.image).toBe(worker.image);
  });

  it('watches /inbox and runs the worker command from the built CLI', () => {
    expect(argv(svc('watcher'))).toEqual(['node', 'dist/src/cli.js', 'watch', '/inbox']);
    expect(argv(svc('worker'))).toEqual(['node', 'dist/src/cli.js', 'work']);
  });

  it('wires REDIS_URL to the redis service and shares ./inbox and ./data at the same paths', () => {
    for (const name of ['watcher', 'worker']) {
      const s = svc(name);
      expect(s.environment?.REDIS_URL, name).toBe('redis://redis:6379');
      expect(s.environment?.VANTHU_DATA_DIR, name).toBe('/data');
      expect(s.environment, name).toHaveProperty('DATABASE_URL');
      expect(s.volumes, name).toEqual(expect.arrayContaining(['./inbox:/inbox', './data:/data']));
      expect(s.depends_on?.redis?.condition, name).toBe('service_healthy');
    }
  });

  it('lets the worker scale: replicas set, no fixed container name, no published ports', () => {
    const worker = svc('worker');
    expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(1);
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim with npm ci and npm run build', () => {
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const image of froms) expect(image).toBe('node:20-bookworm-slim');
    const runs = dockerfile.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    expect(runs).toMatch(/RUN[^\n]*npm ci\b/);
    expect(runs).toMatch(/npm run build/);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run build'));
    expect(runs).toMatch(/COPY package\.json package-lock\.json/);
  });

  it('keeps host data and dependencies out of the build context', async () => {
    const ignore = (await fs.readFile(path.join(root, '.dockerignore'), 'utf8')).split('\n').map((l) => l.trim());
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'inbox', '.git']));
  });
});
