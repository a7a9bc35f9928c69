// Compares builds of the package in one process: `node tests/bench/builds.js DIR...` where each DIR
// holds a built package (as `make pkg` leaves pkg/). Runs case 2 of `make bench` (paginate over
// 10,000 statuses, 100 pages of 100), with `--case get` case 1 (sequential getDeploymentStatus), or
// with `--case burst` 1,000 concurrent calls (900 getDeploymentStatus, 100 pages of 100 listed), what
// a free list is worst at; the builds alternate within each round, and it prints min, p25 and median
// per build with each build's browser download (gzip -9). For choosing between builds (an
// allocator, a compiler setting); not part of `make test` or `make bench`.
//
//   node tests/bench/builds.js pkg /tmp/other-pkg
//   node tests/bench/builds.js --case get --rounds 40 pkg /tmp/other-pkg
import { readdirSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { startBenchServer } from "./server.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const which = option("--case", "paginate");
const rounds = Number(option("--rounds", which === "paginate" ? 21 : 30));
const dirs = args;
if (!["paginate", "get", "burst"].includes(which) || !(rounds > 0) || dirs.length === 0) {
  console.error("usage: node tests/bench/builds.js [--case paginate|get|burst] [--rounds N] DIR...");
  process.exit(2);
}

const where = { owner: "octocat", repo: "example", deployment_id: 42 };
const CALLS = 200; // per round of `get`
const server = await startBenchServer({ total: 10_000, perPage: 100 });
try {
  const builds = [];
  for (const dir of dirs) {
    const { Client } = await import(pathToFileURL(resolve(dir, "index.node.js")).href);
    const client = new Client({ baseUrl: server.url, auth: "ghp_bench", cache: false });
    const gzip = readdirSync(dir)
      .filter((f) => /^(index\.browser\.js|github_deployment_status\.js|.*\.wasm)$/.test(f))
      .reduce((sum, f) => sum + gzipSync(readFileSync(resolve(dir, f)), { level: 9 }).length, 0);
    const work = {
      paginate: async () => {
        const all = await client.paginate({ ...where, per_page: 100 });
        if (all.length !== 10_000) throw new Error(`${dir} paginated ${all.length}`);
      },
      get: async () => {
        for (let i = 0; i < CALLS; i++) await client.getDeploymentStatus({ ...where, status_id: 1 });
      },
      burst: async () => {
        const calls = Array.from({ length: 1_000 }, (_, i) =>
          i % 10 === 0
            ? client.listDeploymentStatuses({ ...where, per_page: 100, page: i / 10 + 1 })
            : client.getDeploymentStatus({ ...where, status_id: 1 }),
        );
        const answers = await Promise.all(calls);
        if (!answers.every((a) => a.status === 200)) throw new Error(`${dir}: a call of the burst failed`);
      },
    }[which];
    builds.push({ name: basename(resolve(dir)), gzip, work, times: [] });
  }
  for (const build of builds) for (let i = 0; i < 3; i++) await build.work(); // warm up
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < builds.length; i++) {
      const build = builds[(i + round) % builds.length];
      const started = performance.now();
      await build.work();
      build.times.push((performance.now() - started) / (which === "get" ? CALLS : 1));
    }
  }
  const unit = { paginate: "ms per paginate", get: "ms per call", burst: "ms per burst" }[which];
  const at = (t, q) => t[Math.floor((t.length - 1) * q)];
  console.log(`${which}: ${rounds} rounds, builds alternating; ${unit}\n`);
  console.log("| build | gzip B | min | p25 | median |\n|---|---:|---:|---:|---:|");
  for (const { name, gzip, times } of builds) {
    const t = [...times].sort((a, b) => a - b);
    const f = (n) => n.toFixed(which === "get" ? 3 : 1);
    console.log(`| ${name} | ${gzip} | ${f(t[0])} | ${f(at(t, 0.25))} | ${f(at(t, 0.5))} |`);
  }
} finally {
  await server.close();
}
