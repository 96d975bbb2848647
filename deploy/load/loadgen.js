#!/usr/bin/env node
// Closed-loop load generator (no dependencies): USERS virtual users, each sends its next request
// as soon as the previous one answered, for DURATION seconds, with the weighted mix of seed 002
// (recommendations, search, movie lookups, feedback, health). Prints progress every 5 s and,
// at the end, requests/s, success rate and p50/p95/p99 latency per endpoint.
//
//   node deploy/load/loadgen.js --duration 30 --users 20 [--catalog models/movie-recs/1]
//        [--recommender http://127.0.0.1:8080] [--gateway http://127.0.0.1:8082]
//        [--management http://127.0.0.1:9080] [--json out.json]
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
  const opts = {
    duration: 30, users: 20, catalog: '', json: '',
    recommender: 'http://127.0.0.1:8080', gateway: 'http://127.0.0.1:8082',
    management: 'http://127.0.0.1:9080', seed: 42,
  };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts)) throw new Error(`unknown option --${key}`);
    opts[key] = typeof opts[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
    if (Number.isNaN(opts[key])) throw new Error(`--${key} needs a number`);
  }
  if (opts.duration <= 0 || opts.duration > 3600) throw new Error('--duration must be in 1..3600 s');
  if (opts.users < 1 || opts.users > 1000) throw new Error('--users must be in 1..1000');
  return opts;
}

// Small deterministic PRNG so two runs send the same mix.
function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// users.csv / items.csv of the served model (docs/model-repository.md); defaults when absent.
function loadCatalog(dir) {
  const csvColumn = (file, column) => {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const header = lines.shift().split(',');
    const idx = header.indexOf(column);
    return lines.map((l) => l.split(',')[idx]);
  };
  if (dir && fs.existsSync(path.join(dir, 'users.csv')) && fs.existsSync(path.join(dir, 'items.csv'))) {
    const userIds = csvColumn(path.join(dir, 'users.csv'), 'userId').map(Number);
    const movieIds = csvColumn(path.join(dir, 'items.csv'), 'movieId').map(Number);
    // Search words: first words of titles (the title column may be quoted; the first word is enough).
    const words = fs.readFileSync(path.join(dir, 'items.csv'), 'utf8').split('\n').slice(1, 2000)
      .map((l) => (l.split(',')[2] || '').replace(/^"/, '').split(/\s+/)[0].toLowerCase().replace(/[^a-z]/g, ''))
      .filter((w) => w.length >= 3);
    return { userIds, movieIds, words: [...new Set(words)], source: dir };
  }
  const range = (n) => Array.from({ length: n }, (_, i) => i + 1);
  return { userIds: range(1000), movieIds: range(2000), words: ['love', 'night', 'war', 'star', 'city', 'story'],
    source: 'defaults (ids 1..1000 users, 1..2000 movies)' };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 2000 });

function request(method, url, body) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const data = body ? Buffer.from(JSON.stringify(body)) : null;
    const req = http.request(url, {
      method, agent, timeout: 10000,
      headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks),
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: null, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    if (data) req.write(data);
    req.end();
  });
}

class Stats {
  constructor() { this.byEndpoint = new Map(); }
  record(endpoint, ok, ms) {
    let s = this.byEndpoint.get(endpoint);
    if (!s) { s = { ok: 0, failed: 0, latencies: [] }; this.byEndpoint.set(endpoint, s); }
    if (ok) s.ok += 1; else s.failed += 1;
    s.latencies.push(ms);
  }
  total() {
    let n = 0; for (const s of this.byEndpoint.values()) n += s.ok + s.failed; return n;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const opts = parseArgs(process.argv);
  const catalog = loadCatalog(opts.catalog);
  const random = mulberry32(opts.seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const stats = new Stats();
  const served = []; // recent lists, for feedback that refers to a real requestId
  const events = ['rated', 'rated', 'rated', 'clicked', 'ignored'];

  // Weighted mix (seed 002: recommendations first, then search, lookups, feedback and health).
  const mix = [
    [50, 'GET recommendations', async () => {
      // 5 % unknown users exercise the cold-start path.
      const userId = random() < 0.05 ? 900000000 + Math.floor(random() * 1000) : pick(catalog.userIds);
      const r = await request('GET', `${opts.recommender}/api/v1/users/${userId}/recommendations?k=10`);
      if (r.status === 200) {
        const body = JSON.parse(r.body);
        served.push({ requestId: body.requestId, userId, items: body.items.map((i) => i.movieId) });
        if (served.length > 5000) served.splice(0, served.length - 5000);
      }
      return r;
    }],
    [15, 'GET search', () => request('GET', `${opts.recommender}/api/v1/movies/search?q=${encodeURIComponent(pick(catalog.words))}&limit=20`)],
    [15, 'GET movie', () => request('GET', `${opts.recommender}/api/v1/movies/${pick(catalog.movieIds)}`)],
    [15, 'POST feedback', () => {
      const list = pick(served);
      const event = pick(events);
      const rating = event === 'rated' ? Math.round((1 + random() * 4) * 2) / 2 : undefined;
      const movieId = list.items.length ? pick(list.items) : pick(catalog.movieIds);
      return request('POST', `${opts.gateway}/api/v1/feedback`,
        { requestId: list.requestId, userId: list.userId, movieId, rating, event });
    }],
    [5, 'GET health', () => request('GET', `${opts.management}/q/health/ready`)],
  ];
  const totalWeight = mix.reduce((a, [w]) => a + w, 0);
  const choose = () => {
    let x = random() * totalWeight;
    for (const m of mix) { x -= m[0]; if (x < 0) return m; }
    return mix[mix.length - 1];
  };

  console.log(`[load] ${opts.users} users for ${opts.duration} s against ${opts.recommender}, ${opts.gateway}; catalog: ${catalog.source}`);
  const started = Date.now();
  const deadline = started + opts.duration * 1000;
  let lastTotal = 0;
  const progress = setInterval(() => {
    const t = stats.total();
    console.log(`[load] ${Math.round((Date.now() - started) / 1000)} s: ${t} requests, ${((t - lastTotal) / 5).toFixed(0)} req/s`);
    lastTotal = t;
  }, 5000);

  const user = async () => {
    while (Date.now() < deadline) {
      let choice = choose();
      // Feedback refers to a served list: until one is served, ask for recommendations instead.
      if (choice[1] === 'POST feedback' && served.length === 0) choice = mix[0];
      const r = await choice[2]();
      stats.record(choice[1], r.status >= 200 && r.status < 300, r.ms);
    }
  };
  await Promise.all(Array.from({ length: opts.users }, user));
  clearInterval(progress);
  agent.destroy();

  const elapsed = (Date.now() - started) / 1000;
  const rows = [];
  let ok = 0; let all = 0; const every = [];
  for (const [endpoint, s] of [...stats.byEndpoint.entries()].sort()) {
    const sorted = s.latencies.sort((a, b) => a - b);
    const n = s.ok + s.failed;
    ok += s.ok; all += n; every.push(...sorted);
    rows.push({ endpoint, requests: n, rps: n / elapsed, success: s.ok / n,
      p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) });
  }
  every.sort((a, b) => a - b);
  rows.push({ endpoint: 'TOTAL', requests: all, rps: all / elapsed, success: all ? ok / all : 0,
    p50: percentile(every, 50), p95: percentile(every, 95), p99: percentile(every, 99) });

  const pad = (s, n) => String(s).padStart(n);
  console.log(`\n${'endpoint'.padEnd(22)}${pad('requests', 10)}${pad('req/s', 9)}${pad('success', 9)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}`);
  for (const r of rows) {
    console.log(`${r.endpoint.padEnd(22)}${pad(r.requests, 10)}${pad(r.rps.toFixed(1), 9)}${pad((100 * r.success).toFixed(2) + '%', 9)}`
      + `${pad(r.p50.toFixed(1), 9)}${pad(r.p95.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}`);
  }
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ elapsed, users: opts.users, rows }, null, 2));
  process.exitCode = all > 0 && ok / all >= 0.99 ? 0 : 1;
  if (process.exitCode) console.log(`[load] success rate ${(100 * ok / Math.max(all, 1)).toFixed(2)} % is below 99 %`);
}

main().catch((e) => { console.error(`[load] ${e.message}`); process.exit(2); });
