// Runs tests/engines/cases.mjs in each engine (TW_ENGINES=chromium,firefox,webkit, all by
// default), one browser per engine, each case on a fresh origin. Run it with
// tests/engines/run.sh (`make test-engines`): it puts the suite in a network namespace with
// only loopback, so no browser can reach the network whatever it tries.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { CASES } from './cases.mjs';
import { ENGINES, SHOTS, BROWSER_SERVICES, launch } from './drivers.mjs';
import { DIST } from './site.mjs';
import { RequestLog, startSites } from './site.mjs';
import { endAll } from './processes.mjs';

const engines = (process.env.TW_ENGINES ?? ENGINES.join(',')).split(',').filter(Boolean);
const only = process.env.TW_CASES ? new RegExp(process.env.TW_CASES) : null;
const say = (msg) => process.stderr.write(`engines: ${msg}\n`);

/** True when this process has its own network namespace with nothing but loopback. */
async function offNetwork() {
  // run.sh passes the namespace it started in; this process must be in another one.
  const own = !!process.env.TW_OUTER_NETNS && fs.readlinkSync('/proc/self/ns/net') !== process.env.TW_OUTER_NETNS;
  const interfaces = Object.keys(os.networkInterfaces());
  const reach = await new Promise((resolve) => {
    const s = net.connect({ host: '1.1.1.1', port: 443, timeout: 2000 }, () => { s.destroy(); resolve('connected'); });
    s.on('error', (e) => resolve(e.code));
    s.on('timeout', () => { s.destroy(); resolve('timeout'); });
  });
  return { own, interfaces, reach, ok: own && interfaces.every((i) => i === 'lo') && reach !== 'connected' };
}

before(async () => {
  // The browsers' own service hosts are left out of the outside-request check: no file of the
  // site may name one, so a request to one cannot come from the page.
  for (const f of fs.readdirSync(DIST, { recursive: true })) {
    const file = path.join(DIST, f);
    if (!fs.statSync(file).isFile()) continue;
    const text = fs.readFileSync(file, 'latin1');
    for (const host of text.match(/[a-z0-9.-]+\.(com|net|org)\b/gi) ?? []) {
      for (const [engine, re] of Object.entries(BROWSER_SERVICES)) {
        assert.ok(!re.test(host.toLowerCase()), `dist/${f} names ${host}, a host of ${engine}'s own services`);
      }
    }
  }
  const net = await offNetwork();
  assert.ok(net.ok, `the suite must run off the network (tests/engines/run.sh): ${JSON.stringify(net)}`);
});
after(() => endAll());

for (const engine of engines) {
  describe(engine, () => {
    const log = new RequestLog();
    let sites;
    let d;
    const shots = path.join(SHOTS, engine);
    before(async () => {
      fs.mkdirSync(shots, { recursive: true });
      sites = await startSites(log);
      d = await launch(engine, { proxyPort: sites.proxyPort, log: (m) => say(m) });
    }, { timeout: 120000 });
    after(async () => {
      await d?.close().catch((e) => say(`${engine}: close: ${e.message}`));
      sites?.close();
    }, { timeout: 60000 });

    for (const c of CASES) {
      if (only && !only.test(c.name)) continue;
      test(c.name, { timeout: 90000 }, async (tc) => {
        assert.ok(d, `${engine} started`);
        const start = Date.now();
        const allowed = new Set();
        let cspExpected = null;
        const t = {
          d,
          engine,
          shots,
          requests: log,
          widget: () => sites.widgetOrigin(),
          host: (widget) => sites.hostOrigin(widget),
          allowOutside: (origin) => allowed.add(origin),
          expectCspReports: (re) => { cspExpected = re; },
          note: (m) => say(`${engine}: ${m}`),
          skip: (m) => { say(`SKIP ${m}`); tc.skip(m); },
          offNetwork: async () => {
            const n = await offNetwork();
            assert.ok(n.ok, JSON.stringify(n));
          },
          async waitUntil(check, message, ms = 15000) {
            const end = Date.now() + ms;
            for (;;) {
              const v = await check();
              if (v) return v;
              if (Date.now() > end) assert.fail(message);
              await new Promise((r) => setTimeout(r, 100));
            }
          },
        };
        await d.newPage();
        try {
          // A case that hangs fails here first (before node:test's 90 s), so its calls are shown.
          let timer;
          await Promise.race([c.run(t), new Promise((_, no) => { timer = setTimeout(no, 80000, new Error('the case took over 80 s')); })])
            .finally(() => clearTimeout(timer));
        } catch (e) {
          if (d.recentCalls) say(`${engine}: "${c.name}" failed; the driver's last calls:\n  ${d.recentCalls().join('\n  ')}`);
          await d.screenshot(path.join(shots, `failed-${c.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`)).catch(() => {});
          throw e;
        }
        await new Promise((r) => setTimeout(r, 200)); // late reports reach the log
        const own = BROWSER_SERVICES[engine];
        const outside = log.outside(start)
          .filter((e) => !allowed.has(e.origin) && !own.test(new URL(e.origin).hostname)).map((e) => e.url);
        assert.deepEqual(outside, [], 'no request left loopback');
        const csp = log.since(start).filter((e) => e.kind === 'csp').map((e) => e.url);
        if (cspExpected) assert.ok(csp.length > 0 && csp.every((r) => cspExpected.test(r)), `only the expected CSP reports: ${csp}`);
        else assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
      });
    }
  });
}
