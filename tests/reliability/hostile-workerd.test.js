// The hostile-server cases that crash or hang a client (hostile-cases.js), run inside workerd:
// each test starts its own loopback server here (hostile-servers.js), the Worker
// workerd-worker.js runs the client side against it, and the test checks what the server saw.
import { after, before } from "node:test";
import { startWorkerd } from "./harness.js";
import { hostileTests } from "./hostile-servers.js";

let worker;
before(async () => {
  worker = await startWorkerd();
});
after(() => worker?.dispose());

hostileTests({
  runtime: "workerd",
  run: async (name, url) => {
    const query = new URLSearchParams({ hostile: name, url });
    const result = await (await worker.dispatchFetch(`http://worker/?${query}`)).json();
    if (!result.ok) throw new Error(result.error);
    return result.data;
  },
});
