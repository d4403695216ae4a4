// scripts/serve.mjs serves a file edited after start-up as it is now, compressed or not:
// an author editing a ruleset sees the new text without restarting the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../../scripts/serve.mjs';

const decode = {
  br: (b) => zlib.brotliDecompressSync(b).toString(),
  gzip: (b) => zlib.gunzipSync(b).toString(),
  identity: (b) => b.toString(),
};

// Node's fetch decompresses by itself; ask with `Accept-Encoding` and read the raw bytes.
async function get(url, encoding) {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'] ?? 'identity', body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('a file edited after start-up is served as it is now, in every encoding', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-serve-'));
  const file = path.join(dir, 'levels.toml');
  fs.writeFileSync(file, 'text = "Attends school"\n');
  const { server, url } = await serve({ dir });
  try {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const first = await get(url + 'levels.toml', encoding);
      assert.equal(first.encoding, encoding);
      assert.equal(decode[encoding](first.body), 'text = "Attends school"\n');
    }
    // Same size, so only the change of time tells the server; and a longer text.
    for (const next of ['text = "Attends college"\n', 'text = "Attends school most days"\n']) {
      fs.writeFileSync(file, next);
      const later = new Date(Date.now() + 2000);
      fs.utimesSync(file, later, later);
      for (const encoding of ['br', 'gzip', 'identity']) {
        const again = await get(url + 'levels.toml', encoding);
        assert.equal(decode[encoding](again.body), next, `${encoding} after the edit`);
      }
    }
    // A file added after start-up is served too.
    fs.writeFileSync(path.join(dir, 'new.toml'), 'area = "new"\n');
    const added = await get(url + 'new.toml', 'br');
    assert.equal(decode.br(added.body), 'area = "new"\n');
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
