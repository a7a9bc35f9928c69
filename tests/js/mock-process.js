// Starts the mock GitHub as a child process and stops it by PID: shared by the JS test files.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("../mock/server.js", import.meta.url));

/** Starts `node tests/mock/server.js ...args`; resolves to { url, pid, stop() }. */
export function startMock(args = []) {
  const child = spawn(process.execPath, [SERVER, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error("mock did not start within 10 s")), 10_000);
    child.on("exit", (code) => reject(new Error(`mock exited early with ${code}`)));
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      const match = /LISTENING (http:\/\/\S+)/.exec(buffered);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      resolve({
        url: match[1],
        pid: child.pid,
        stop: () => stopPid(child),
      });
    });
  });
}

function stopPid(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => process.kill(child.pid, "SIGKILL"), 2000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(child.pid, "SIGTERM");
  });
}
