// Cold start in Chromium: a fresh page per start (a new browser context, its cache disabled, so
// nothing is reused), loading one contender from the bench server and making its first call there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../js/chromium.js";

const STATUS = `{ owner: "octocat", repo: "example", deployment_id: 42, status_id: 1 }`;
const WASM = "/pkg/github_deployment_status_bg.wasm";

const CLIENT = `{ baseUrl: location.origin, auth: "ghp_bench", cache: false }`;

// Each page loads its contender (`load`), then calls (`call`, a promise of the status) twice;
// `window.done` resolves to its marks `m`, in ms since navigation start: `started` (the script's
// first line), `loaded`, `answered` (the first call's answer) and `again` (the second's). Ours step
// by step also marks each part of the glue's init, done from the page as the glue does it
// (`instantiateStreaming` split into `compileStreaming` and `instantiate`), with the wasm's last
// byte from its resource timing.
const CONTENDERS = {
  ours: {
    load: `const { Client } = await import("/pkg/index.browser.js");`,
    call: `new Client(${CLIENT}).getDeploymentStatus(${STATUS}).then((r) => r.data)`,
  },
  "ours, step by step": {
    load: `const glue = await import("/pkg/github_deployment_status.js");
m.glued = performance.now();
const url = new URL("${WASM}", location.href).href;
const module = await WebAssembly.compileStreaming(fetch(url));
m.compiled = performance.now();
m.downloaded = performance.getEntriesByName(url)[0].responseEnd;
await glue.default({ module_or_path: module });`,
    call: `new glue.Client(${CLIENT}).getDeploymentStatus(${STATUS}).then((r) => r.data)`,
  },
  octokit: {
    load: `const { Octokit } = await import("/octokit.js");`,
    call: `new Octokit({ baseUrl: location.origin, auth: "ghp_bench" }).request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}", ${STATUS}).then((r) => r.data)`,
  },
  fetch: {
    load: "",
    call: `fetch("/repos/octocat/example/deployments/42/statuses/1", { headers: { accept: "application/vnd.github+json", authorization: "Bearer ghp_bench" } }).then(async (r) => JSON.parse(await r.text()))`,
  },
};

const pagePath = (name) => `/cold/${encodeURIComponent(name)}.html`;

/** What the bench server serves for these pages: the pages, the package and octokit's bundle. */
export function coldFiles(pkg, octokitBundle) {
  const files = new Map([["/octokit.js", octokitBundle]]);
  for (const file of ["index.browser.js", "github_deployment_status.js", "github_deployment_status_bg.wasm"]) {
    files.set(`/pkg/${file}`, readFileSync(join(pkg, file)));
  }
  for (const [name, { load, call }] of Object.entries(CONTENDERS)) {
    const page = `<!doctype html><meta charset="utf-8"><title>${name}</title><script>
window.done = (async () => {
const m = { started: performance.now() };
${load}
m.loaded = performance.now();
const call = () => ${call};
const { id } = await call();
m.answered = performance.now();
await call();
m.again = performance.now();
return { ...m, id };
})();
</script>`;
    files.set(pagePath(name), Buffer.from(page));
  }
  return files;
}

/** Loads `url` in a fresh page; resolves to the page's marks. */
async function freshPage(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto(url);
    const marks = await page.evaluate(() => window.done);
    if (marks.id !== 1) throw new Error(`${url} answered status ${marks.id}`);
    return marks;
  } finally {
    await context.close();
  }
}

/** The marks of `rounds` fresh pages per contender, contenders alternating (after one round unrecorded). */
export async function coldChromium(origin, rounds) {
  const names = Object.keys(CONTENDERS);
  const marks = Object.fromEntries(names.map((n) => [n, []]));
  const browser = await launchChromium();
  try {
    for (let round = -1; round < rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round + 1) % names.length];
        const got = await freshPage(browser, origin + pagePath(name));
        if (round >= 0) marks[name].push(got);
      }
    }
  } finally {
    await browser.close();
  }
  return marks;
}
