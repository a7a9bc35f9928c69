// The status timeline: an SVG chart of a deployment's statuses, time across, one lane per
// environment, one mark per status (shape and colour by state). Hovering, tapping or focusing
// a mark shows a tooltip; arrow keys move between marks (one tab stop for the whole chart).

import { creatorName, stateBadge } from './render.js';
import { el, localDateTime, safeHref } from './util.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Colour and shape per state; shapes differ too, so the chart does not rely on colour alone. */
export const STATE_STYLE = {
  success: { color: '#1a7f37', shape: 'circle' },
  in_progress: { color: '#0969da', shape: 'ring' },
  queued: { color: '#bc4c00', shape: 'open-square' },
  pending: { color: '#9a6700', shape: 'square' },
  failure: { color: '#cf222e', shape: 'triangle' },
  error: { color: '#82071e', shape: 'diamond' },
  inactive: { color: '#6e7781', shape: 'dot' },
};
const UNKNOWN_STYLE = { color: '#8250df', shape: 'square' };
export const styleOf = (state) => STATE_STYLE[state] ?? UNKNOWN_STYLE;

/** Lanes in this order first, then any other environment alphabetically. */
const LANE_ORDER = ['production', 'staging', 'preview'];
const NO_ENVIRONMENT = '';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick steps the axis picks from (the smallest that leaves room for each label). */
const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY];

const tickTime = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const tickDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const rangeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/** The path of a mark's shape centred on 0,0 with "radius" r. */
function shapePath(shape, r) {
  switch (shape) {
    case 'square':
    case 'open-square': {
      const s = r * 0.85;
      return `M${-s},${-s}H${s}V${s}H${-s}Z`;
    }
    case 'triangle':
      return `M0,${-r * 1.15}L${r * 1.05},${r * 0.8}H${-r * 1.05}Z`;
    case 'diamond':
      return `M0,${-r * 1.2}L${r * 1.2},0L0,${r * 1.2}L${-r * 1.2},0Z`;
    case 'dot': {
      const d = r * 0.7;
      return `M${-d},0A${d},${d} 0 1 0 ${d},0A${d},${d} 0 1 0 ${-d},0Z`;
    }
    default:
      return `M${-r},0A${r},${r} 0 1 0 ${r},0A${r},${r} 0 1 0 ${-r},0Z`;
  }
}

/** A small swatch of a state's mark, for legends. */
export function stateSwatch(state, size = 14) {
  const { color, shape } = styleOf(state);
  const hollow = shape === 'ring' || shape === 'open-square';
  return svg('svg', { width: size, height: size, viewBox: `${-size / 2} ${-size / 2} ${size} ${size}`, 'aria-hidden': 'true', focusable: 'false', class: 'swatch' },
    svg('path', {
      d: shapePath(shape, size * 0.36),
      fill: hollow ? '#ffffff' : color,
      stroke: color,
      'stroke-width': hollow ? 2.2 : 1,
    }));
}

const timeOf = (status) => {
  const t = Date.parse(status.created_at);
  return Number.isNaN(t) ? 0 : t;
};
const laneOf = (status) => (typeof status.environment === 'string' ? status.environment : NO_ENVIRONMENT);

function laneNames(statuses) {
  const names = new Set(statuses.map(laneOf));
  const known = LANE_ORDER.filter((name) => names.has(name));
  const others = [...names].filter((name) => !LANE_ORDER.includes(name)).sort((a, b) => {
    if (a === NO_ENVIRONMENT) return 1;
    if (b === NO_ENVIRONMENT) return -1;
    return a.localeCompare(b);
  });
  return [...known, ...others];
}

/** Tick times between `from` and `to` (ms), on local-time boundaries, at most about `maxTicks`. */
export function timeTicks(from, to, maxTicks) {
  const span = Math.max(to - from, 1);
  const step = STEPS.find((s) => span / s <= Math.max(maxTicks, 1)) ?? STEPS[STEPS.length - 1];
  const ticks = [];
  const cursor = new Date(from);
  cursor.setHours(0, 0, 0, 0);
  if (step < DAY) {
    // Count from local midnight so ticks land on round local times.
    let t = cursor.getTime();
    while (t < from) t += step;
    for (; t <= to && ticks.length < 500; t += step) ticks.push(t);
  } else {
    const days = Math.round(step / DAY);
    if (days >= 7) cursor.setDate(cursor.getDate() - cursor.getDay()); // weeks start on Sunday
    while (cursor.getTime() < from) cursor.setDate(cursor.getDate() + days);
    while (cursor.getTime() <= to && ticks.length < 500) {
      ticks.push(cursor.getTime());
      cursor.setDate(cursor.getDate() + days);
    }
  }
  return { step, ticks };
}

const dayKey = (t) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

/** Labels for ticks: times, with the date under the first tick of each day; dates only for day steps. */
function tickLabels(step, ticks) {
  let previousDay = null;
  return ticks.map((t) => {
    if (step >= DAY) return [tickDay.format(t)];
    const day = dayKey(t);
    const lines = [tickTime.format(t)];
    if (day !== previousDay) lines.push(tickDay.format(t));
    previousDay = day;
    return lines;
  });
}

export class Timeline {
  /**
   * `root`: an element that receives the chart and its tooltip.
   * `summary`: an element that receives a one-line text summary of what is drawn.
   */
  constructor(root, summary) {
    this.root = root;
    this.summary = summary;
    this.statuses = [];
    this.highlight = new Set();
    this.activeId = null; // the mark that holds the chart's tab stop
    this.tooltipFor = null;
    this.hideTimer = null;
    this.markById = new Map();
    this.emptyText = 'No statuses to draw yet.';

    this.chart = el('div', { class: 'timeline-chart' });
    this.tooltip = el('div', { id: 'timeline-tooltip', class: 'timeline-tooltip', role: 'tooltip', hidden: true });
    this.root.replaceChildren(this.chart, this.tooltip);

    this.tooltip.addEventListener('pointerenter', () => this.cancelHide());
    this.tooltip.addEventListener('pointerleave', () => this.scheduleHide());
    // Focus listeners live here, not on the <svg>: Chromium makes an SVG element with focus
    // listeners a tab stop of its own.
    this.root.addEventListener('focusout', (event) => {
      if (!this.root.contains(event.relatedTarget)) this.hideTooltip();
    });
    this.tooltip.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        const mark = this.markById.get(this.tooltipFor);
        this.hideTooltip();
        mark?.focus();
      }
    });

    let lastWidth = 0;
    this.resizeObserver = new ResizeObserver(() => {
      const width = this.root.clientWidth;
      if (width !== lastWidth) {
        lastWidth = width;
        this.draw();
      }
    });
    this.resizeObserver.observe(this.root);
  }

  /** Draws `statuses` (any order); ids in `highlight` get a ring (e.g. just created or just seen). */
  update(statuses, { highlight = new Set(), emptyText = 'No statuses to draw.' } = {}) {
    this.emptyText = emptyText;
    this.statuses = [...statuses].sort((a, b) => (timeOf(a) - timeOf(b)) || (a.id - b.id));
    this.highlight = highlight;
    if (!this.statuses.some((s) => s.id === this.activeId)) this.activeId = null;
    this.draw();
  }

  /** Empties the chart and shows `text` instead. */
  clear(text) {
    this.emptyText = text;
    this.statuses = [];
    this.activeId = null;
    this.hideTooltip();
    this.markById.clear();
    this.root.dataset.count = '0';
    this.root.dataset.lanes = '';
    this.chart.replaceChildren(el('p', { class: 'timeline-empty', text }));
    this.summary.textContent = '';
  }

  draw() {
    const statuses = this.statuses;
    if (statuses.length === 0) {
      this.clear(this.emptyText);
      return;
    }
    const hadFocus = this.root.contains(document.activeElement) && document.activeElement !== this.root;
    const focusedId = hadFocus ? Number(document.activeElement.closest?.('[data-status-id]')?.dataset.statusId) : null;
    const tooltipFor = this.tooltip.hidden ? null : this.tooltipFor;

    const width = Math.max(this.root.clientWidth, 260);
    const lanes = laneNames(statuses);
    const count = statuses.length;
    const r = count <= 40 ? 7 : count <= 120 ? 6 : 5;
    const laneHeight = 50;
    const top = 4;
    const axisHeight = 44;
    const padLeft = 14;
    const padRight = 16;
    const height = top + lanes.length * laneHeight + axisHeight;
    const x0 = padLeft + r;
    const x1 = width - padRight - r;

    // Time domain with a margin so the first and last marks do not sit on the edges.
    let from = timeOf(statuses[0]);
    let to = timeOf(statuses[statuses.length - 1]);
    if (to - from < 2 * MINUTE) {
      from -= 15 * MINUTE;
      to += 15 * MINUTE;
    } else {
      const margin = (to - from) * 0.02;
      from -= margin;
      to += margin;
    }
    const x = (t) => x0 + ((t - from) / (to - from)) * (x1 - x0);
    const laneTop = (i) => top + i * laneHeight;
    const markY = (i) => laneTop(i) + 32;

    const chartSvg = svg('svg', {
      class: 'timeline-svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': `Status timeline: ${count} statuses in ${lanes.length} environment${lanes.length === 1 ? '' : 's'}. Arrow keys move between statuses.`,
    });

    // Lanes: a band, the environment's name, a base line.
    const laneGroup = svg('g', { class: 'lanes', 'aria-hidden': 'true' });
    lanes.forEach((name, i) => {
      laneGroup.append(
        svg('rect', { class: i % 2 ? 'lane-band odd' : 'lane-band', x: 0, y: laneTop(i), width, height: laneHeight, 'data-lane': name }),
        svg('line', { class: 'lane-line', x1: padLeft, x2: width - padRight, y1: markY(i), y2: markY(i) }),
        svg('text', { class: 'lane-label', x: padLeft, y: laneTop(i) + 14 }, name === NO_ENVIRONMENT ? '(no environment)' : name),
      );
    });

    // Axis: grid lines through the lanes, tick labels under them.
    const plotBottom = laneTop(lanes.length);
    const { step, ticks } = timeTicks(from, to, Math.floor((x1 - x0) / 90));
    const labels = tickLabels(step, ticks);
    const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' },
      svg('line', { class: 'axis-line', x1: 0, x2: width, y1: plotBottom, y2: plotBottom }));
    ticks.forEach((t, i) => {
      const tx = x(t);
      const lines = labels[i];
      const anchor = tx < 24 ? 'start' : tx > width - 24 ? 'end' : 'middle';
      axis.append(
        svg('line', { class: 'grid-line', x1: tx, x2: tx, y1: top, y2: plotBottom }),
        svg('line', { class: 'tick', x1: tx, x2: tx, y1: plotBottom, y2: plotBottom + 5 }),
        svg('text', { class: 'tick-label', x: tx, y: plotBottom + 19, 'text-anchor': anchor, 'data-time': new Date(t).toISOString() },
          lines.map((line, k) => svg('tspan', { x: tx, dy: k === 0 ? 0 : 15, class: k === 0 ? 'tick-main' : 'tick-sub' }, line))),
      );
    });

    // Marks, oldest first so newer ones paint on top.
    const marks = svg('g', { class: 'marks' });
    this.markById = new Map();
    const laneIndex = new Map(lanes.map((name, i) => [name, i]));
    const tabStop = this.activeId ?? statuses[statuses.length - 1].id;
    for (const status of statuses) {
      const lane = laneOf(status);
      const cx = x(timeOf(status));
      const cy = markY(laneIndex.get(lane));
      const { color, shape } = styleOf(status.state);
      const hollow = shape === 'ring' || shape === 'open-square';
      const mark = svg('g', {
        class: this.highlight.has(status.id) ? 'mark is-new' : 'mark',
        transform: `translate(${cx.toFixed(2)},${cy})`,
        tabindex: status.id === tabStop ? 0 : -1,
        role: 'img',
        'aria-label': markLabel(status),
        'data-status-id': status.id,
        'data-state': status.state,
        'data-environment': lane,
        'data-created-at': status.created_at,
      },
      svg('circle', { class: 'halo', r: r + 5 }),
      svg('circle', { class: 'hit', r: r + 4 }),
      svg('path', { class: 'shape', d: shapePath(shape, r), fill: hollow ? '#ffffff' : color, stroke: color, 'stroke-width': hollow ? 2.5 : 1 }));
      mark.addEventListener('focus', () => this.onMarkFocus(status.id));
      marks.append(mark);
      this.markById.set(status.id, mark);
    }
    this.activeId = tabStop;

    chartSvg.append(laneGroup, axis, marks);
    chartSvg.addEventListener('pointerover', (event) => {
      const mark = event.target.closest?.('.mark');
      if (mark) this.showTooltip(Number(mark.dataset.statusId));
    });
    chartSvg.addEventListener('pointerout', (event) => {
      const mark = event.target.closest?.('.mark');
      if (mark && !mark.contains(event.relatedTarget)) this.scheduleHide();
    });
    chartSvg.addEventListener('keydown', (event) => this.onKey(event, lanes, laneIndex));

    this.chart.replaceChildren(chartSvg);
    this.root.dataset.count = String(count);
    this.root.dataset.lanes = lanes.join(',');
    this.summary.textContent = summaryText(statuses, lanes);

    if (focusedId && this.markById.has(focusedId)) this.markById.get(focusedId).focus({ preventScroll: true });
    else if (tooltipFor !== null && this.markById.has(tooltipFor)) this.showTooltip(tooltipFor);
    else this.hideTooltip();
  }

  onMarkFocus(id) {
    this.setTabStop(id);
    this.showTooltip(id);
  }

  setTabStop(id) {
    if (this.activeId !== null && this.activeId !== id) this.markById.get(this.activeId)?.setAttribute('tabindex', '-1');
    this.activeId = id;
    this.markById.get(id)?.setAttribute('tabindex', '0');
  }

  onKey(event, lanes, laneIndex) {
    const mark = event.target.closest?.('.mark');
    if (!mark) return;
    const id = Number(mark.dataset.statusId);
    const index = this.statuses.findIndex((s) => s.id === id);
    if (index < 0) return;
    let next = null;
    switch (event.key) {
      case 'ArrowRight': next = this.statuses[index + 1]; break;
      case 'ArrowLeft': next = this.statuses[index - 1]; break;
      case 'PageDown': next = this.statuses[Math.min(index + 10, this.statuses.length - 1)]; break;
      case 'PageUp': next = this.statuses[Math.max(index - 10, 0)]; break;
      case 'Home': next = this.statuses[0]; break;
      case 'End': next = this.statuses[this.statuses.length - 1]; break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const lane = laneIndex.get(laneOf(this.statuses[index])) + (event.key === 'ArrowUp' ? -1 : 1);
        if (lane < 0 || lane >= lanes.length) break;
        const t = timeOf(this.statuses[index]);
        let best = null;
        for (const s of this.statuses) {
          if (laneOf(s) !== lanes[lane]) continue;
          if (!best || Math.abs(timeOf(s) - t) < Math.abs(timeOf(best) - t)) best = s;
        }
        next = best;
        break;
      }
      case 'Escape':
        this.hideTooltip();
        event.preventDefault();
        return;
      case 'Enter':
      case ' ':
        this.showTooltip(id);
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.markById.get(next.id)?.focus();
  }

  cancelHide() {
    clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  scheduleHide() {
    this.cancelHide();
    this.hideTimer = setTimeout(() => {
      // Keep it while the reader is in it, or while its mark has keyboard focus.
      const focused = document.activeElement;
      if (this.tooltip.matches(':hover') || this.tooltip.contains(focused)) return;
      if (focused && this.markById.get(this.tooltipFor) === focused) return;
      this.hideTooltip();
    }, 250);
  }

  hideTooltip() {
    this.cancelHide();
    this.tooltip.hidden = true;
    this.tooltip.replaceChildren();
    if (this.tooltipFor !== null) this.markById.get(this.tooltipFor)?.classList.remove('is-active');
    this.markById.get(this.tooltipFor)?.removeAttribute('aria-describedby');
    this.tooltipFor = null;
  }

  showTooltip(id) {
    const status = this.statuses.find((s) => s.id === id);
    const mark = this.markById.get(id);
    if (!status || !mark) return;
    this.cancelHide();
    if (this.tooltipFor !== id) {
      this.hideTooltip();
      this.tooltip.replaceChildren(...tooltipContent(status));
      this.tooltip.dataset.statusId = String(id);
      this.tooltipFor = id;
    }
    mark.classList.add('is-active');
    mark.setAttribute('aria-describedby', 'timeline-tooltip');
    this.tooltip.hidden = false;
    this.placeTooltip(mark);
  }

  /** Above the mark when there is room in the chart's box, else below; kept inside horizontally. */
  placeTooltip(mark) {
    const box = this.root.getBoundingClientRect();
    const markBox = mark.getBoundingClientRect();
    const tip = this.tooltip;
    tip.style.left = '0px';
    tip.style.top = '0px';
    const tipWidth = tip.offsetWidth;
    const tipHeight = tip.offsetHeight;
    const cx = markBox.left + markBox.width / 2 - box.left;
    const left = Math.min(Math.max(cx - tipWidth / 2, 4), Math.max(box.width - tipWidth - 4, 4));
    const above = markBox.top - box.top - tipHeight - 6;
    const below = markBox.bottom - box.top + 6;
    const fitsAbove = markBox.top - tipHeight - 6 >= 0; // on screen
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(fitsAbove ? above : below)}px`;
    tip.dataset.placement = fitsAbove ? 'above' : 'below';
  }
}

function markLabel(status) {
  const env = laneOf(status) || 'no environment';
  const desc = status.description ? `: ${status.description}` : '';
  return `${status.state}, ${env}, ${localDateTime(status.created_at)}, status ${status.id}${desc}`;
}

function summaryText(statuses, lanes) {
  const first = timeOf(statuses[0]);
  const last = timeOf(statuses[statuses.length - 1]);
  const count = `${statuses.length} status${statuses.length === 1 ? '' : 'es'}`;
  const envs = `${lanes.length} environment${lanes.length === 1 ? '' : 's'}`;
  const range = first === last ? rangeFormat.format(first) : `${rangeFormat.format(first)} – ${rangeFormat.format(last)}`;
  return `${count} · ${envs} · ${range}`;
}

function link(url, label) {
  const href = safeHref(url);
  if (!href) return null;
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label,
    el('span', { class: 'visually-hidden', text: ' (opens in a new tab)' }));
}

function tooltipContent(status) {
  const when = Date.parse(status.created_at);
  const rows = [
    ['Environment', laneOf(status) || '—'],
    ['Creator', creatorName(status) ?? '—'],
    ['Time', el('time', { datetime: status.created_at, title: status.created_at, text: Number.isNaN(when) ? String(status.created_at) : fullTime.format(when) })],
  ];
  const links = [link(status.log_url || status.target_url, 'Log'), link(status.environment_url, 'Environment')].filter(Boolean);
  return [
    el('p', { class: 'tip-head' }, stateBadge(status.state), el('span', { class: 'tip-id', text: `#${status.id}` })),
    el('p', { class: status.description ? 'tip-desc' : 'tip-desc muted', text: status.description || 'No description' }),
    el('dl', { class: 'tip-facts' }, rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, value)])),
    links.length ? el('p', { class: 'tip-links' }, links.flatMap((a, i) => (i ? [' · ', a] : [a]))) : null,
  ].filter(Boolean);
}
