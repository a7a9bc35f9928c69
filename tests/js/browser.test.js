// The built package in headless Chromium, on a page and in a dedicated worker, served from another
// origin than the mock API so every request passes the CORS preflight GitHub would give.
import { launchChromium } from "./chromium.js";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { scenarios } from "./scenarios.js";
import { startMock } from "./mock-process.js";


let api;
let site;
let browser;
let page;

before(async () => {
  [api, site] = await Promise.all([startMock(), startMock(["--static", "tests/js", "--static", "pkg"])]);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(`${site.url}/js/browser.html`);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  await Promise.all([api?.stop(), site?.stop()]);
});

const names = Object.keys(scenarios({ Client: null, mock: "", runtime: "browser" }));

for (const where of ["page", "worker"]) {
  describe(`npm package in Chromium (${where})`, () => {
    for (const name of names) {
      test(name, { timeout: 30_000 }, async () => {
        const result = await page.evaluate(([n, m, w]) => window.runScenario(n, m, w), [name, api.url, where]);
        assert.equal(result.error, undefined);
        assert.equal(result.ok, true);
      });
    }
  });
}
