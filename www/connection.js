// The repository card's fields: base URL (with presets), token, owner and repository, and the
// session that turns base URL and token into a client. The token is read from its field only
// when a client is made.

import { Session } from './session.js';

const baseUrl = document.getElementById('base-url');
const token = document.getElementById('token');
const owner = document.getElementById('owner');
const repo = document.getElementById('repo');

const PRESETS = {
  mock: () => location.origin,
  github: () => 'https://api.github.com',
  ghes: () => 'https://HOST/api/v3',
};

export const session = new Session(() => ({ baseUrl: baseUrl.value.trim(), token: token.value.trim() }));

/** The owner and repository as typed. */
export function repoFields() {
  return { owner: owner.value.trim(), repo: repo.value.trim() };
}

function markPreset() {
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.setAttribute('aria-pressed', String(PRESETS[button.dataset.preset]() === baseUrl.value.trim()));
  }
}

/** Fills the base URL with the mock's and wires the presets; editing base URL or token retires the client. */
export function initConnection() {
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      baseUrl.value = PRESETS[button.dataset.preset]();
      markPreset();
      session.retire();
      if (button.dataset.preset === 'ghes') {
        // Leave the placeholder host selected, ready to be typed over.
        baseUrl.focus();
        const start = baseUrl.value.indexOf('HOST');
        baseUrl.setSelectionRange(start, start + 'HOST'.length);
      }
    });
  }
  baseUrl.addEventListener('input', markPreset);
  for (const input of [baseUrl, token]) input.addEventListener('input', () => session.retire());
  baseUrl.value = PRESETS.mock();
  markPreset();
}
