// Compliance console, oversight views: the history of one item, the allow-list, complaints and suspensions,
// the audit trail. Builds on console.js (window.SmsConsole); texts reach the page only through textContent.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const ui = () => window.SmsConsole;
  /** The latest load of each view: an older answer that arrives later is dropped, not drawn over a newer one. */
  const latest = {};

  /** A state of the audit trail (before/after) in one line: "status=APPROVED, note=…". */
  function stateText(state) {
    if (!state) {
      return '';
    }
    return Object.entries(state)
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([name, value]) => name + '=' + value)
      .join(', ');
  }

  function auditCells(entry) {
    const { el, timeCell } = ui();
    return [
      timeCell(entry.at),
      el('td', { 'data-testid': 'audit-actor' }, entry.actor),
      el('td', { 'data-testid': 'audit-entry-action' }, entry.action),
      el('td', { class: 'state-text', 'data-testid': 'audit-before' }, stateText(entry.before)),
      el('td', { class: 'state-text', 'data-testid': 'audit-after' }, stateText(entry.after)),
      el('td', { lang: 'zh-CN', 'data-testid': 'audit-comment' }, entry.comment || ''),
    ];
  }

  // ---- history of one item ---------------------------------------------------------------------

  async function showHistory(subjectType, subjectId) {
    const { api, el, showError, setStatus } = ui();
    const panel = $('history-panel');
    panel.dataset.state = 'loading';
    $('history-title').textContent = 'History of ' + subjectType.toLowerCase() + ' ' + subjectId;
    panel.hidden = false;
    try {
      const page = await api('GET', '/compliance/v1/audit', { subjectType, subjectId, limit: 100 });
      $('history-rows').replaceChildren(...page.entries.map((entry) =>
        el('tr', { 'data-testid': 'history-entry' }, ...auditCells(entry))));
      $('history-empty').hidden = page.entries.length > 0;
      setStatus(page.entries.length + ' recorded change(s) of ' + subjectType.toLowerCase() + ' ' + subjectId + '.', 'ok');
      panel.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      showError('History failed', e);
    } finally {
      panel.dataset.state = 'ready';
    }
  }

  // ---- allow-list ------------------------------------------------------------------------------

  function allowRow(entry) {
    const { el, commentField } = ui();
    const row = el('tr', { 'data-testid': 'allowlist-entry', 'data-allow-id': String(entry.id) });
    const remove = el('button', { type: 'button', 'data-testid': 'allowlist-remove',
      'aria-label': 'Remove allow-list entry ' + entry.id }, 'Remove');
    remove.addEventListener('click', () => removeAllowed(row, entry.id));
    row.append(
      ui().timeCell(entry.createdAt),
      el('td', { 'data-testid': 'allowlist-app-id' }, entry.appId),
      el('td', {}, entry.templateId || 'free text'),
      el('td', { 'data-testid': 'allowlist-blocked-id' }, entry.blockedId === undefined ? '' : String(entry.blockedId)),
      el('td', {}, entry.createdBy),
      el('td', { class: 'review' }, ...commentField('allowlist-comment', entry.id, 'Why remove entry ' + entry.id),
        el('div', { class: 'buttons' }, remove)));
    return row;
  }

  async function loadAllowList() {
    const { api, showError, setStatus } = ui();
    const view = $('allowlist-view');
    view.dataset.state = 'loading';
    try {
      const seq = latest.allowlist = (latest.allowlist || 0) + 1;
      const appId = $('allowlist-app').value.trim();
      const page = await api('GET', '/compliance/v1/allowlist', { appId });
      if (seq !== latest.allowlist) {
        return;
      }
      $('allowlist-rows').replaceChildren(...page.entries.map(allowRow));
      $('allowlist-rows').dataset.appId = appId; // which filter the rows answer
      $('allowlist-empty').hidden = page.entries.length > 0;
      setStatus(page.entries.length + ' allow-list entr' + (page.entries.length === 1 ? 'y' : 'ies') + ' shown.', 'ok');
    } catch (e) {
      showError('Allow-list failed', e);
    } finally {
      view.dataset.state = 'ready';
    }
  }

  async function removeAllowed(row, id) {
    const { api, withButtons, showError, setStatus } = ui();
    const comment = row.querySelector('[data-testid="allowlist-comment"]').value.trim();
    if (!comment) {
      setStatus('Removing an entry filters that text again: say why in the comment.', 'error');
      return;
    }
    await withButtons(row, async () => {
      try {
        await api('DELETE', '/compliance/v1/allowlist/' + encodeURIComponent(id), { comment });
        row.remove();
        $('allowlist-empty').hidden = $('allowlist-rows').children.length > 0;
        setStatus('Allow-list entry ' + id + ' removed: the text is filtered again.', 'ok');
      } catch (e) {
        showError('Removal of allow-list entry ' + id + ' failed', e);
      }
    });
  }

  // ---- complaints and suspensions --------------------------------------------------------------

  function suspensionRow(s) {
    const { el, commentField } = ui();
    const row = el('tr', { 'data-testid': 'suspension-entry', 'data-suspension-id': String(s.id) });
    const lift = el('button', { type: 'button', 'data-testid': 'lift', 'aria-label': 'Lift suspension ' + s.id }, 'Lift');
    lift.addEventListener('click', () => liftSuspension(row, s.id));
    row.append(
      ui().timeCell(s.createdAt),
      el('td', { 'data-testid': 'suspension-app' }, s.appId),
      el('td', { lang: 'zh-CN', 'data-testid': 'suspension-signature' }, s.signature ? '\u3010' + s.signature + '\u3011' : 'whole app'),
      el('td', { class: 'reason', 'data-testid': 'suspension-reason' }, s.reason),
      el('td', {}, s.createdBy),
      el('td', { class: 'review' }, ...commentField('lift-reason', s.id, 'Why lift suspension ' + s.id),
        el('div', { class: 'buttons' }, lift)));
    return row;
  }

  function complaintRow(c) {
    const { el, timeCell } = ui();
    return el('tr', { 'data-testid': 'complaint-entry', 'data-complaint-id': String(c.id) },
      timeCell(c.complainedAt),
      el('td', {}, c.source),
      el('td', { class: 'phones', 'data-testid': 'complaint-phone' }, c.maskedPhone),
      el('td', { 'data-testid': 'complaint-app' }, c.appId || 'unmatched'),
      el('td', { lang: 'zh-CN' }, c.signature || ''),
      el('td', {}, c.messageId ? el('code', {}, c.messageId) : ''),
      el('td', { class: 'text', lang: 'zh-CN' }, c.excerpt || ''));
  }

  async function loadComplaints() {
    const { api, el, showError, setStatus } = ui();
    const view = $('complaints-view');
    view.dataset.state = 'loading';
    try {
      const [suspensions, rates, complaints] = await Promise.all([
        api('GET', '/compliance/v1/suspensions', { state: 'ACTIVE' }),
        api('GET', '/compliance/v1/complaints/rates'),
        api('GET', '/compliance/v1/complaints', { limit: 100 }),
      ]);
      $('suspension-rows').replaceChildren(...suspensions.suspensions.map(suspensionRow));
      $('suspension-empty').hidden = suspensions.suspensions.length > 0;
      $('rate-window').textContent = '(window ' + rates.window + ', suspended at ' + rates.suspendPerMillion
        + ' per million with at least ' + rates.minComplaints + ' complaints)';
      $('rate-rows').replaceChildren(...rates.rates.map((r) => el('tr', { 'data-testid': 'rate-entry' },
        el('td', {}, r.appId), el('td', { lang: 'zh-CN' }, r.signature), el('td', {}, String(r.complaints)),
        el('td', {}, String(r.sent)), el('td', { 'data-testid': 'rate-per-million' }, Math.round(r.perMillion).toString()))));
      $('complaint-rows').replaceChildren(...complaints.complaints.map(complaintRow));
      $('complaint-empty').hidden = complaints.complaints.length > 0;
      setStatus(suspensions.suspensions.length + ' active suspension(s), ' + complaints.complaints.length + ' complaint(s) shown.', 'ok');
    } catch (e) {
      showError('Complaints failed', e);
    } finally {
      view.dataset.state = 'ready';
    }
  }

  async function liftSuspension(row, id) {
    const { api, withButtons, showError, setStatus } = ui();
    const reason = row.querySelector('[data-testid="lift-reason"]').value.trim();
    if (!reason) {
      setStatus('A lift needs a reason: what did the app change?', 'error');
      return;
    }
    await withButtons(row, async () => {
      try {
        const lifted = await api('POST', '/compliance/v1/suspensions/' + encodeURIComponent(id) + '/lift', undefined, { reason });
        row.remove();
        $('suspension-empty').hidden = $('suspension-rows').children.length > 0;
        setStatus('Suspension ' + id + ' lifted by ' + lifted.liftedBy + '.', 'ok');
      } catch (e) {
        showError('Lift of suspension ' + id + ' failed', e);
      }
    });
  }

  // ---- audit trail -----------------------------------------------------------------------------

  async function loadAudit() {
    const { api, el, showError, setStatus } = ui();
    const view = $('audit-view');
    view.dataset.state = 'loading';
    try {
      const seq = latest.audit = (latest.audit || 0) + 1;
      const filters = { actor: $('audit-actor').value.trim(), action: $('audit-action').value, appId: $('audit-app').value.trim() };
      const page = await api('GET', '/compliance/v1/audit', Object.assign({ limit: 200 }, filters));
      if (seq !== latest.audit) {
        return;
      }
      Object.assign($('audit-rows').dataset, filters); // which filters the rows answer
      $('audit-rows').replaceChildren(...page.entries.map((entry) => {
        const cells = auditCells(entry);
        cells.splice(3, 0, el('td', { 'data-testid': 'audit-subject' }, entry.subjectType.toLowerCase() + ' ' + entry.subjectId),
          el('td', {}, entry.appId || ''));
        return el('tr', { 'data-testid': 'audit-entry' }, ...cells);
      }));
      $('audit-empty').hidden = page.entries.length > 0;
      setStatus(page.entries.length + ' audit entr' + (page.entries.length === 1 ? 'y' : 'ies') + ' shown.', 'ok');
    } catch (e) {
      showError('Audit trail failed', e);
    } finally {
      view.dataset.state = 'ready';
    }
  }

  function submitting(formId, load) {
    $(formId).addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    window.SmsConsole.showHistory = showHistory;
    ui().onTab('allowlist', loadAllowList);
    ui().onTab('complaints', loadComplaints);
    ui().onTab('audit', loadAudit);
    submitting('allowlist-form', loadAllowList);
    submitting('audit-form', loadAudit);
    $('complaints-refresh').addEventListener('click', loadComplaints);
    $('history-close').addEventListener('click', () => { $('history-panel').hidden = true; });
  });
})();
