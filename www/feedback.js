// What the page tells the reader: one message line, the error banner (or an error next to the
// field it is about) and the rate limit. Errors show their name, message and status, never a token.

import { clearBanner, clearFieldErrors, renderErrorBanner, renderRateLimit, showFieldError } from './render.js';

const banner = document.getElementById('banner');
const message = document.getElementById('message');
const rateLimit = document.getElementById('rate-limit');
const connection = document.querySelector('.connection');

export function say(text) {
  message.textContent = text;
}

/** Says `text` unless something else was said since the last reset. */
export function sayIfQuiet(text) {
  if (message.textContent === '') say(text);
}

export function resetFeedback() {
  clearBanner(banner);
  clearFieldErrors();
  message.textContent = '';
}

export function showRateLimit(limit) {
  renderRateLimit(rateLimit, limit);
}

/**
 * Shows an error: a ValidationError next to the field it names (looked up in `form`, then in the
 * repository fields), anything else in the banner. Dismissing the banner puts focus back.
 */
export function showError(error, form = null) {
  if (error?.name === 'ValidationError' && error.field) {
    const selector = `[name="${CSS.escape(error.field)}"]`;
    const input = form?.querySelector(selector) ?? connection.querySelector(selector);
    if (input) {
      showFieldError(input, error.message);
      input.focus();
      return;
    }
  }
  if (error?.name === 'HttpError' && error.rateLimit) showRateLimit(error.rateLimit);
  const returnTo = document.activeElement;
  renderErrorBanner(banner, error, () => {
    clearBanner(banner);
    (returnTo?.isConnected && !returnTo.disabled ? returnTo : document.getElementById('open-repo')).focus();
  });
  banner.focus();
}
