// A Worker that runs one scenario per request inside workerd, importing the package's workerd entry.
import { Client } from "../../pkg/index.workerd.js";
import { scenarios } from "./scenarios.js";

export default {
  async fetch(request, env) {
    const all = scenarios({ Client, mock: env.MOCK_URL, runtime: "workerd" });
    const name = new URL(request.url).searchParams.get("name");
    if (!name) return Response.json(Object.keys(all));
    try {
      await all[name]();
      return Response.json({ ok: true });
    } catch (error) {
      return Response.json({ ok: false, error: String(error?.stack ?? error) });
    }
  },
};
