// A dedicated module worker: runs one scenario with the browser entry of the package.
import { Client } from "../pkg/index.browser.js";
import { scenarios } from "./scenarios.js";

self.onmessage = async ({ data: { name, mock } }) => {
  try {
    await scenarios({ Client, mock, runtime: "browser" })[name]();
    self.postMessage({ ok: true });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
};
// The package initialises with top-level await: say when messages can be handled.
self.postMessage({ ready: true });
