// Child processes of the engine suite (Xvfb, WebKitWebDriver and the browsers it starts),
// each in its own process group so it is ended by its pid with everything it started,
// even when a test fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const live = new Set();

/** Starts `cmd` in a process group of its own; returns the child. Its output goes to `log`. */
export function startProcess(cmd, args, { env = process.env, log = null } = {}) {
  const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = '';
  const keep = (chunk) => {
    child.output = (child.output + chunk).slice(-20000);
    if (log) log(String(chunk));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

/** Ends `child` and its process group: TERM, then KILL after `graceMs`. */
export async function endProcess(child, graceMs = 2000) {
  if (!child?.pid) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
  signalGroup(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
  signalGroup(child, 'SIGKILL');
  // WebKit's web processes can outlive the browser: wait until the whole group is gone.
  const end = Date.now() + 5000;
  while (groupMembers(child.pid).length) {
    if (Date.now() > end) throw new Error(`processes of group ${child.pid} outlived it: ${groupMembers(child.pid).join(', ')}`);
    signalGroup(child, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pids and names of the live (not zombie) processes in process group `pgid`. */
export function groupMembers(pgid) {
  const out = [];
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const close = stat.lastIndexOf(')');
    const [state, , group] = stat.slice(close + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') out.push(`${pid} ${stat.slice(stat.indexOf('(') + 1, close)}`);
  }
  return out;
}

function signalGroup(child, signal) {
  if (!child?.pid) return;
  try { process.kill(-child.pid, signal); } catch { /* the group is gone */ }
}

/** Ends every process still running that this module started (for `after` hooks and exit). */
export async function endAll() {
  await Promise.all([...live].map((c) => endProcess(c)));
}

process.on('exit', () => { for (const c of live) signalGroup(c, 'SIGKILL'); });

// Stopped from outside (Ctrl-C, `timeout`, CI cancelling): end every browser, driver and Xvfb
// by its pid (its process group) before going, so nothing is left running on the machine.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.once(signal, () => {
    const pids = [...live].map((c) => c.pid);
    process.stderr.write(`engines: ${signal}: ending process groups ${pids.join(', ') || '(none)'}\n`);
    for (const c of live) signalGroup(c, 'SIGTERM');
    setTimeout(() => {
      for (const c of live) signalGroup(c, 'SIGKILL');
      process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
    }, 1500);
  });
}
