// Compliance console: a reviewer's key signs every call in the browser (README, "Signing requests").
// Message text is untrusted input from apps: it only ever reaches the page through textContent.
'use strict';

(() => {
  const STORAGE_KEY = 'sms1069.console.credentials';
  const PAGE_SIZE = 25;
  const encoder = new TextEncoder();
  const $ = (id) => document.getElementById(id);

  /** {keyId, key: CryptoKey} while signed in. */
  let session = null;
  /** The filters of the search on screen, so "More" pages through the same result. */
  let shownFilters = null;
  let nextCursor = null;
  let searchSeq = 0;

  // ---- signing ---------------------------------------------------------------------------------

  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

  const formDecode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));

  /** RFC 3986: every byte but A-Z a-z 0-9 - . _ ~ as %XX (encodeURIComponent leaves !'()* as they are). */
  function rfc3986(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  }

  /** Signing scheme version 2 (README, "Signing requests"): decoded, re-encoded, sorted by name then value. */
  function canonicalQuery(rawQuery) {
    if (!rawQuery) {
      return '';
    }
    const pairs = [];
    for (const pair of rawQuery.split('&')) {
      if (pair) {
        const eq = pair.indexOf('=');
        pairs.push([rfc3986(formDecode(eq < 0 ? pair : pair.slice(0, eq))),
          eq < 0 ? '' : rfc3986(formDecode(pair.slice(eq + 1)))]);
      }
    }
    pairs.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    return pairs.map(([name, value]) => name + '=' + value).join('&');
  }

  function newNonce() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return hex(bytes);
  }

  function importSecret(secret) {
    return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }

  class ApiError extends Error {
    constructor(status, code, detail) {
      super(detail);
      this.status = status;
      this.code = code;
    }
  }

  function buildQuery(params) {
    return Object.entries(params || {})
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name, value]) => encodeURIComponent(name) + '=' + encodeURIComponent(String(value)))
      .join('&');
  }

  /** Signs and sends one request; answers the response, or throws ApiError with the problem's detail. */
  async function send(auth, method, path, params, body, accept) {
    const rawQuery = buildQuery(params);
    const bytes = body === undefined ? new Uint8Array(0) : encoder.encode(JSON.stringify(body));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = newNonce();
    const canonical = ['SMS-HMAC-SHA256-2', method, path, canonicalQuery(rawQuery), timestamp, nonce, '',
      hex(await crypto.subtle.digest('SHA-256', bytes))].join('\n');
    const signature = hex(await crypto.subtle.sign('HMAC', auth.key, encoder.encode(canonical)));
    const headers = {
      'Accept': accept || 'application/json, application/problem+json',
      'X-Sms-Key-Id': auth.keyId,
      'X-Sms-Timestamp': timestamp,
      'X-Sms-Nonce': nonce,
      'X-Sms-Signature': signature,
      'X-Sms-Signature-Version': '2',
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path + (rawQuery ? '?' + rawQuery : ''), {
        method,
        headers,
        body: body === undefined ? undefined : bytes,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'the server did not answer: ' + e.message);
    }
    if (!response.ok) {
      const type = response.headers.get('Content-Type') || '';
      const json = type.includes('json') ? await response.json().catch(() => null) : null;
      const detail = (json && (json.detail || json.title)) || ('HTTP ' + response.status);
      throw new ApiError(response.status, json && json.code, detail);
    }
    return response;
  }

  /** Signs and sends one request; answers the parsed JSON or throws ApiError with the problem's detail. */
  async function call(auth, method, path, params, body) {
    const response = await send(auth, method, path, params, body);
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json().catch(() => null) : null;
  }

  const api = (method, path, params, body) => call(session, method, path, params, body);

  // ---- status line -----------------------------------------------------------------------------

  function setStatus(message, kind) {
    const status = $('status');
    status.textContent = message;
    status.dataset.kind = kind || 'info';
  }

  function showError(prefix, error) {
    const code = error.code && error.code !== 'NETWORK' ? ' [' + error.code + ']' : '';
    setStatus(prefix + ': ' + error.message + code, 'error');
  }

  // ---- small DOM helpers -----------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child !== undefined && child !== null) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  const pad = (n) => String(n).padStart(2, '0');

  function timeCell(iso) {
    if (!iso) {
      return el('td', {}, '');
    }
    const at = new Date(iso);
    const local = at.getFullYear() + '-' + pad(at.getMonth() + 1) + '-' + pad(at.getDate()) + ' '
      + pad(at.getHours()) + ':' + pad(at.getMinutes()) + ':' + pad(at.getSeconds());
    return el('td', {}, el('time', { datetime: iso, title: iso }, local));
  }

  /** The text with the matched spans (UTF-16 offsets, as the API gives them) wrapped in <mark>. */
  function highlighted(text, spans) {
    const ranges = (spans || [])
      .map((s) => [Math.max(0, Math.min(text.length, s.start | 0)), Math.max(0, Math.min(text.length, s.end | 0))])
      .filter(([start, end]) => end > start)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) {
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.push(range.slice());
      }
    }
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const [start, end] of merged) {
      if (start > at) {
        fragment.append(document.createTextNode(text.slice(at, start)));
      }
      fragment.append(el('mark', { 'data-testid': 'span' }, text.slice(start, end)));
      at = end;
    }
    if (at < text.length) {
      fragment.append(document.createTextNode(text.slice(at)));
    }
    return fragment;
  }

  function commentField(idPrefix, id, label) {
    const inputId = idPrefix + '-' + id;
    return [
      el('label', { for: inputId, class: 'visually-hidden' }, label),
      el('input', { id: inputId, type: 'text', maxlength: '500', placeholder: 'comment', 'data-testid': idPrefix }),
    ];
  }

  async function withButtons(row, action) {
    const buttons = row.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action();
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  // ---- blocked-message log ---------------------------------------------------------------------

  function instant(input, name) {
    if (!input.value) {
      return undefined;
    }
    const at = new Date(input.value); // datetime-local: the reviewer's local time
    if (Number.isNaN(at.getTime())) {
      throw new ApiError(0, null, name + ' is not a valid date and time');
    }
    return at.toISOString();
  }

  function readFilters() {
    return {
      from: instant($('filter-from'), 'From'),
      to: instant($('filter-to'), 'To'),
      appId: $('filter-app').value.trim(),
      category: $('filter-category').value,
      reviewState: $('filter-review-state').value,
      rule: $('filter-rule').value.trim(),
      q: $('filter-q').value.trim(),
    };
  }

  // the model's calibrated marketing probability and version; rules-only verdicts show the rules version alone
  function modelCell(entry) {
    const cell = el('td', { class: 'model', 'data-testid': 'entry-model' });
    if (entry.marketingScore !== null && entry.marketingScore !== undefined) {
      cell.append(el('span', { 'data-testid': 'entry-model-score' }, Number(entry.marketingScore).toFixed(3)), ' ');
    }
    const versions = [entry.modelVersion, entry.rulesVersion && 'rules ' + entry.rulesVersion].filter(Boolean).join(', ');
    cell.append(el('span', { class: 'note', 'data-testid': 'entry-model-version' }, versions));
    return cell;
  }

  function entryRow(entry) {
    const row = el('tr', { 'data-testid': 'blocked-entry', 'data-entry-id': String(entry.id) });
    const rules = el('td', { class: 'rules' });
    (entry.ruleIds || []).forEach((rule) => rules.append(el('code', { 'data-testid': 'rule' }, rule), ' '));
    const text = el('td', { class: 'text', lang: 'zh-CN', 'data-testid': 'entry-text' });
    text.append(highlighted(entry.text || '', entry.spans));

    const state = entry.reviewState || 'UNREVIEWED';
    const review = el('td', { class: 'review' },
      el('span', { class: 'state state-' + state, 'data-testid': 'review-state' }, state));
    if (entry.reviewedBy || entry.reviewComment) {
      review.append(el('p', { class: 'note', 'data-testid': 'review-note' },
        [entry.reviewedBy, entry.reviewComment].filter(Boolean).join(': ')));
    }
    review.append(...commentField('review-comment', entry.id, 'Comment on entry ' + entry.id));
    const confirm = el('button', { type: 'button', 'data-testid': 'confirm', 'aria-label': 'Confirm block of entry ' + entry.id }, 'Confirm');
    const falsePositive = el('button', { type: 'button', 'data-testid': 'false-positive',
      'aria-label': 'Mark entry ' + entry.id + ' as a false positive' }, 'False positive');
    confirm.addEventListener('click', () => reviewEntry(row, entry.id, 'CONFIRMED'));
    falsePositive.addEventListener('click', () => reviewEntry(row, entry.id, 'FALSE_POSITIVE'));
    review.append(el('div', { class: 'buttons' }, confirm, falsePositive, historyButton('BLOCKED', entry.id)));

    row.append(
      timeCell(entry.at),
      el('td', { 'data-testid': 'entry-app' }, entry.appId || ''),
      el('td', {}, entry.type || ''),
      el('td', { class: 'phones', 'data-testid': 'entry-phones' }, (entry.maskedPhones || []).join(', ')),
      text,
      el('td', { 'data-testid': 'entry-category' }, entry.category || ''),
      rules,
      modelCell(entry),
      el('td', { class: 'reason', lang: 'zh-CN' }, entry.reason || ''),
      review);
    return row;
  }

  async function reviewEntry(row, id, decision) {
    const comment = row.querySelector('[data-testid="review-comment"]').value.trim();
    if (decision === 'FALSE_POSITIVE' && !comment) {
      setStatus('A false positive lets this text through for the app from now on: say why in the comment.', 'error');
      return;
    }
    await withButtons(row, async () => {
      try {
        const updated = await api('POST', '/compliance/v1/blocked/' + encodeURIComponent(id) + '/review', undefined,
          comment ? { decision, comment } : { decision });
        row.replaceWith(entryRow(updated));
        setStatus('Entry ' + id + ' marked ' + updated.reviewState + '.', 'ok');
      } catch (e) {
        showError('Review of entry ' + id + ' failed', e);
      }
    });
  }

  async function search(append) {
    const table = $('blocked-table');
    let filters;
    try {
      filters = append ? shownFilters : readFilters();
    } catch (e) {
      showError('Search not sent', e);
      return;
    }
    const seq = ++searchSeq;
    table.dataset.state = 'loading';
    table.setAttribute('aria-busy', 'true');
    $('more').disabled = true;
    try {
      const page = await api('GET', '/compliance/v1/blocked',
        Object.assign({}, filters, { limit: PAGE_SIZE, cursor: append ? nextCursor : undefined }));
      if (seq !== searchSeq) {
        return; // a newer search replaced this one
      }
      const rows = $('blocked-rows');
      if (!append) {
        rows.replaceChildren();
      }
      page.entries.forEach((entry) => rows.append(entryRow(entry)));
      shownFilters = filters;
      nextCursor = page.nextCursor || null;
      $('more').hidden = !nextCursor;
      $('blocked-empty').hidden = rows.children.length > 0;
      $('blocked-count').textContent = '(' + rows.children.length + (nextCursor ? '+' : '') + ')';
      setStatus(rows.children.length + ' blocked message(s) shown.', 'ok');
    } catch (e) {
      if (seq === searchSeq) {
        showError('Search failed', e);
      }
    } finally {
      if (seq === searchSeq) {
        table.dataset.state = 'ready';
        table.removeAttribute('aria-busy');
        $('more').disabled = false;
      }
    }
  }

  /** Opens the audit history of one subject (console-oversight.js draws it). */
  function historyButton(subjectType, id) {
    const button = el('button', { type: 'button', 'data-testid': 'history', 'aria-label': 'History of ' + subjectType.toLowerCase() + ' ' + id },
      'History');
    button.addEventListener('click', () => window.SmsConsole.showHistory(subjectType, String(id)));
    return button;
  }

  /** The filtered log as CSV: fetched signed, offered as a download link (a plain link cannot carry the signature). */
  async function exportCsv() {
    let filters;
    try {
      filters = readFilters();
    } catch (e) {
      showError('Export not sent', e);
      return;
    }
    $('export').disabled = true;
    try {
      const response = await send(session, 'GET', '/compliance/v1/blocked.csv', filters, undefined, 'text/csv, application/problem+json');
      const blob = await response.blob();
      const link = $('export-link');
      if (link.href) {
        URL.revokeObjectURL(link.href);
      }
      link.href = URL.createObjectURL(blob);
      link.hidden = false;
      link.click();
      setStatus('Exported the filtered log (' + blob.size + ' bytes): blocked-messages.csv.', 'ok');
    } catch (e) {
      showError('Export failed', e);
    } finally {
      $('export').disabled = false;
    }
  }

  // ---- review queue ----------------------------------------------------------------------------

  function queueRow(kind, item, cells) {
    const row = el('tr', { 'data-testid': kind + '-row', ['data-' + kind + '-id']: item.id });
    row.append(...cells);
    const approve = el('button', { type: 'button', 'data-testid': 'approve', 'aria-label': 'Approve ' + kind + ' ' + item.id }, 'Approve');
    const reject = el('button', { type: 'button', 'data-testid': 'reject', 'aria-label': 'Reject ' + kind + ' ' + item.id }, 'Reject');
    approve.addEventListener('click', () => reviewItem(row, kind, item.id, 'APPROVED'));
    reject.addEventListener('click', () => reviewItem(row, kind, item.id, 'REJECTED'));
    const decided = item.status && item.status !== 'PENDING'
      ? el('p', { class: 'note', 'data-testid': 'queue-decision' }, [item.status, item.reviewNote].filter(Boolean).join(': '))
      : null;
    row.append(el('td', { class: 'review' }, decided,
      ...commentField('queue-comment', kind + '-' + item.id, 'Comment on ' + kind + ' ' + item.id),
      el('div', { class: 'buttons' }, approve, reject, historyButton(kind.toUpperCase(), item.id))));
    return row;
  }

  function renderQueue(queue) {
    const templates = queue.templates || [];
    const signatures = queue.signatures || [];
    $('template-rows').replaceChildren(...templates.map((t) => queueRow('template', t, [
      el('td', {}, el('code', {}, t.id)),
      el('td', {}, t.appId || ''),
      el('td', { lang: 'zh-CN' }, t.name || ''),
      el('td', {}, t.type || ''),
      el('td', { class: 'text', lang: 'zh-CN', 'data-testid': 'template-content' }, t.content || ''),
      el('td', {}, (t.variables || []).join(', ')),
    ])));
    $('signature-rows').replaceChildren(...signatures.map((s) => queueRow('signature', s, [
      el('td', {}, el('code', {}, s.id)),
      el('td', {}, s.appId || ''),
      el('td', { lang: 'zh-CN', 'data-testid': 'signature-name' }, '\u3010' + (s.name || '') + '\u3011'),
      timeCell(s.createdAt),
    ])));
    $('template-empty').hidden = templates.length > 0;
    $('signature-empty').hidden = signatures.length > 0;
    $('queue-view').dataset.state = 'ready';
  }

  async function loadQueue() {
    $('queue-view').dataset.state = 'loading';
    try {
      renderQueue(await api('GET', '/compliance/v1/review-queue', { status: $('queue-status').value }));
      setStatus('Review queue loaded.', 'ok');
    } catch (e) {
      $('queue-view').dataset.state = 'ready';
      showError('Review queue failed', e);
    }
  }

  async function reviewItem(row, kind, id, decision) {
    const comment = row.querySelector('[data-testid="queue-comment"]').value.trim();
    if (decision === 'REJECTED' && !comment) {
      setStatus('The app sees the comment: say why the ' + kind + ' is rejected.', 'error');
      return;
    }
    await withButtons(row, async () => {
      try {
        const updated = await api('POST', '/compliance/v1/' + kind + 's/' + encodeURIComponent(id) + '/review', undefined,
          comment ? { decision, comment } : { decision });
        row.remove();
        $(kind + '-empty').hidden = $(kind + '-rows').children.length > 0;
        setStatus(kind.charAt(0).toUpperCase() + kind.slice(1) + ' ' + id + ' ' + (updated.status || decision) + '.', 'ok');
      } catch (e) {
        showError('Review of ' + kind + ' ' + id + ' failed', e);
      }
    });
  }

  // ---- views and session -----------------------------------------------------------------------

  const TABS = ['blocked', 'queue', 'allowlist', 'complaints', 'audit'];
  /** What a tab loads when selected; console-oversight.js adds its own. */
  const loaders = { queue: loadQueue };

  function selectTab(name) {
    for (const tab of TABS) {
      $('tab-' + tab).setAttribute('aria-selected', String(tab === name));
      $(tab + '-view').hidden = tab !== name;
    }
    $('history-panel').hidden = true;
    if (loaders[name]) {
      loaders[name]();
    }
  }

  function showConsole(keyId) {
    $('login-view').hidden = true;
    $('console-view').hidden = false;
    $('session').hidden = false;
    $('session-key').textContent = keyId;
    selectTab('blocked');
    search(false);
  }

  function showLogin() {
    session = null;
    shownFilters = null;
    nextCursor = null;
    $('blocked-rows').replaceChildren();
    $('template-rows').replaceChildren();
    $('signature-rows').replaceChildren();
    document.querySelectorAll('[data-clear-on-logout]').forEach((node) => node.replaceChildren());
    $('console-view').hidden = true;
    $('session').hidden = true;
    $('login-view').hidden = false;
    $('login-secret').value = '';
  }

  async function login(event) {
    event.preventDefault();
    const keyId = $('login-key-id').value.trim();
    const secret = $('login-secret').value;
    if (!keyId || !secret) {
      setStatus('Enter the key id and the secret.', 'error');
      return;
    }
    $('login-submit').disabled = true;
    try {
      if (!window.crypto || !crypto.subtle) {
        throw new ApiError(0, null, 'this page needs a secure context (https or localhost) for WebCrypto');
      }
      const candidate = { keyId, key: await importSecret(secret) };
      // a call only reviewers may make: checks the key, the secret and the role at once
      await call(candidate, 'GET', '/compliance/v1/review-queue');
      session = candidate;
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ keyId, secret }));
      $('login-secret').value = '';
      setStatus('Signed in as ' + keyId + '.', 'ok');
      showConsole(keyId);
    } catch (e) {
      showError('Sign-in failed', e);
    } finally {
      $('login-submit').disabled = false;
    }
  }

  function logout() {
    sessionStorage.removeItem(STORAGE_KEY);
    showLogin();
    setStatus('Signed out.', 'info');
  }

  async function restore() {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (!saved) {
      return;
    }
    try {
      const { keyId, secret } = JSON.parse(saved);
      session = { keyId, key: await importSecret(secret) };
      showConsole(keyId);
    } catch (e) {
      sessionStorage.removeItem(STORAGE_KEY);
      showLogin();
    }
  }

  // what console-oversight.js builds on
  window.SmsConsole = {
    api, el, timeCell, setStatus, showError, withButtons, commentField,
    onTab: (name, loader) => { loaders[name] = loader; },
  };

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    TABS.forEach((tab) => $('tab-' + tab).addEventListener('click', () => selectTab(tab)));
    $('export').addEventListener('click', exportCsv);
    $('queue-status').addEventListener('change', loadQueue);
    $('filter-form').addEventListener('submit', (event) => {
      event.preventDefault();
      search(false);
    });
    $('filter-form').addEventListener('reset', () => setTimeout(() => search(false), 0));
    $('more').addEventListener('click', () => search(true));
    $('queue-refresh').addEventListener('click', loadQueue);
    restore();
  });
})();
