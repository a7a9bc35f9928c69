// A Worker that runs one reliability scenario per request inside workerd, importing the package's
// workerd entry; it answers { ok, data } or { ok: false, error, data } (a failed matrix row's cells).
// `?suite=&name=` runs a scenario against the mocks; `?hostile=&url=` runs the client side of a
// hostile-server case (hostile-cases.js) against the server the test started at `url`.
import { Client } from "../../pkg/index.workerd.js";
import { HOSTILE_CASES } from "./hostile-cases.js";
import { SUITES } from "./scenarios.js";

export default {
  async fetch(request, env) {
    const query = new URL(request.url).searchParams;
    const context = { Client, mock: env.MOCK_URL, foreign: env.FOREIGN_URL, runtime: "workerd" };
    try {
      const data = query.has("hostile")
        ? await HOSTILE_CASES[query.get("hostile")]({ Client, url: query.get("url"), runtime: "workerd" })
        : await SUITES[query.get("suite")](context)[query.get("name")]();
      return Response.json({ ok: true, data });
    } catch (error) {
      return Response.json({ ok: false, error: String(error?.stack ?? error), data: error?.cells });
    }
  },
};
