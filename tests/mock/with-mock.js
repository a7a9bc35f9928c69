#!/usr/bin/env node
// Runs a command with the mock GitHub server alive:
//
//   node tests/mock/with-mock.js [--seed X] [--static DIR]... -- <command> [args...]
//
// Starts server.js on an ephemeral port, waits for its LISTENING line, runs the command
// with MOCK_URL=http://127.0.0.1:<port> added to its environment (stdio inherited), then
// stops the mock by its pid (SIGTERM, SIGKILL after 2 s) and exits with the command's code.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.js');
const START_TIMEOUT_MS = 15_000;
const KILL_GRACE_MS = 2_000;
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

function usage(message) {
  process.stderr.write(`with-mock: ${message}\nusage: node tests/mock/with-mock.js [--seed X] [--static DIR]... -- <command> [args...]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
if (sep < 0) usage('missing "--" before the command');
const mockArgs = argv.slice(0, sep);
const [command, ...commandArgs] = argv.slice(sep + 1);
if (!command) usage('missing command');
for (let i = 0; i < mockArgs.length; i += 2) {
  if (!['--seed', '--static'].includes(mockArgs[i]) || mockArgs[i + 1] === undefined) {
    usage(`unexpected argument ${mockArgs[i]}`);
  }
}

let mock;
let child;
let exiting = false;

/** Stops a child by pid: SIGTERM, then SIGKILL if it is still there after the grace time. */
function stop(proc) {
  return new Promise((resolve) => {
    if (!proc || !proc.pid || proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), KILL_GRACE_MS);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

async function finish(code) {
  if (exiting) return;
  exiting = true;
  await Promise.all([stop(child), stop(mock)]);
  process.exit(code);
}

function startMock() {
  return new Promise((resolve, reject) => {
    mock = spawn(process.execPath, [SERVER, '--port', '0', ...mockArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the mock did not start in time')), START_TIMEOUT_MS);
    const onData = (chunk) => {
      buffered += chunk;
      const match = /^LISTENING (http:\/\/\S+)\r?\n/m.exec(buffered);
      if (match) {
        clearTimeout(timer);
        mock.stdout.off('data', onData);
        mock.stdout.on('data', (more) => process.stderr.write(more));
        resolve(match[1]);
      }
    };
    mock.stdout.setEncoding('utf8');
    mock.stdout.on('data', onData);
    mock.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    mock.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited early (${signal ?? `code ${code}`})`));
      if (child && !exiting) {
        process.stderr.write('with-mock: the mock server died while the command was running\n');
      }
    });
  });
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => finish(128 + SIGNAL_NUMBERS[sig]));
}

let url;
try {
  url = await startMock();
} catch (err) {
  process.stderr.write(`with-mock: ${err.message}\n`);
  await finish(1);
}

child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, MOCK_URL: url } });
child.once('error', (err) => {
  process.stderr.write(`with-mock: cannot run ${command}: ${err.message}\n`);
  finish(127);
});
child.once('exit', (code, signal) => {
  finish(code ?? 128 + (SIGNAL_NUMBERS[signal] ?? 1));
});
