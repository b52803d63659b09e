// How a replica names itself in the claims it takes, and when it judges another holder dead without waiting for the
// lease: only when that holder's pid can be looked up from here — the same host and the same PID namespace of the same
// boot. Containers sharing the host's name (host networking) number their processes from 1 each: a live replica there
// must not be judged dead because its pid means nothing here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { holderIsDead, instanceId } from '../src/slack/inbox.js';

const INBOX = fileURLToPath(new URL('../dist/src/slack/inbox.js', import.meta.url));

/** A pid no process has here (above Linux's pid_max). */
const NO_SUCH_PID = 4_194_305;

describe('a claim holder judged dead', () => {
  const self = instanceId();
  const [host, pid, start, space] = self.split(':');

  it('names host, pid, start and pid space; the space is the same for every id of this process', () => {
    expect(host).toBe(hostname());
    expect(Number(pid)).toBe(process.pid);
    expect(start).toMatch(/^[0-9a-z]+$/);
    expect(space).toMatch(/^[0-9a-f]{8}-\d+$/);
    expect(instanceId().split(':')[3]).toBe(space);
  });

  it('in this host and pid space: dead when its process is gone, or an earlier life of this pid; alive when it runs', () => {
    expect(holderIsDead(`${host}:${NO_SUCH_PID}:abc:${space}`, self)).toBe(true);
    expect(holderIsDead(`${host}:${process.pid}:earlier:${space}`, self)).toBe(true);
    expect(holderIsDead(self, self)).toBe(false);
    expect(holderIsDead(`${host}:${process.ppid}:abc:${space}`, self)).toBe(false);
  });

  it('another pid space under the same host name, or another host: never judged by pid (its lease decides)', () => {
    expect(holderIsDead(`${host}:${NO_SUCH_PID}:abc:00000000-1`, self)).toBe(false);
    expect(holderIsDead(`${host}:${process.pid}:earlier:00000000-1`, self)).toBe(false);
    expect(holderIsDead(`elsewhere:${NO_SUCH_PID}:abc:${space}`, self)).toBe(false);
  });

  it('a claim an earlier version took (host:pid:start, no pid space) is judged by host and pid, as that version did', () => {
    expect(holderIsDead(`${host}:${NO_SUCH_PID}:abc`, self)).toBe(true);
    expect(holderIsDead(`${host}:${process.ppid}:abc`, self)).toBe(false);
    expect(holderIsDead(`elsewhere:${NO_SUCH_PID}:abc`, self)).toBe(false);
  });

  it('a process in a PID namespace of its own, under this very host name, names another pid space', () => {
    if (!existsSync(INBOX)) throw new Error(`${INBOX} is missing: run 'npm run build' first (npm test does it)`);
    const child = spawnSync(
      'unshare',
      [
        '--user',
        '--map-root-user',
        '--pid',
        '--fork',
        process.execPath,
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(INBOX)}).then((m) => console.log(m.instanceId()))`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.stderr).toBe('');
    const other = child.stdout.trim();
    const [childHost, childPid, , childSpace] = other.split(':');
    expect(childHost).toBe(host);
    expect(Number(childPid)).toBeLessThan(10); // numbered from 1 in its namespace
    expect(childSpace).not.toBe(space);
    expect(childSpace!.split('-')[0]).toBe(space!.split('-')[0]); // the same boot
    // Gone now, and its pid means nothing here: only its lease running out may free its work.
    expect(holderIsDead(other, self)).toBe(false);
  });
});
