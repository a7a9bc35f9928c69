// A Worker that runs one reliability scenario per request inside workerd, importing the package's
// workerd entry; it answers { ok, data } or { ok: false, error, data } (a failed matrix row's cells).
import { Client } from "../../pkg/index.workerd.js";
import { SUITES } from "./scenarios.js";

export default {
  async fetch(request, env) {
    const query = new URL(request.url).searchParams;
    const context = { Client, mock: env.MOCK_URL, foreign: env.FOREIGN_URL, runtime: "workerd" };
    try {
      const data = await SUITES[query.get("suite")](context)[query.get("name")]();
      return Response.json({ ok: true, data });
    } catch (error) {
      return Response.json({ ok: false, error: String(error?.stack ?? error), data: error?.cells });
    }
  },
};
