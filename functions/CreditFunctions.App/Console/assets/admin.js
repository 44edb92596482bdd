// Administrators: cases escalated or overdue across every unit, and the enforcement-feedback summary
// (GET /api/feedback/summary, contract v2 "Enforcement feedback") once that route exists: the panel is shown only when it
// answers 200 and hidden while it answers 404.

import { bi, h, id, replace } from './dom.js';
import { call } from './api.js';
import { today } from './text.js';
import { badge, problemBox, table } from './cases.js';

/** The feedback summary's period: from the first day of the year to today, China time. */
function period() {
  const to = today();
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

export async function feedbackAvailable() {
  const { from, to } = period();
  const answer = await call('GET', `/api/feedback/summary?from=${from}&to=${to}`);
  return answer.status === 200;
}

export async function renderEscalated({ main }) {
  const [objections, repairs] = await Promise.all([
    call('GET', '/api/objections?status=pending'),
    call('GET', '/api/repairs?status=pending'),
  ]);
  const heading = h('h1', { tabindex: '-1' }, bi('逾期事项', 'Escalated cases'));
  const failed = [objections, repairs].find((a) => !a.ok);
  if (failed) {
    replace(main, heading, problemBox(failed.problem));
    return;
  }

  const day = today();
  const late = [
    ...objections.body.objections.map((o) => ({ ...o, kind: 'objection', caseId: o.objectionId, hash: '#/objections/' })),
    ...repairs.body.repairs.map((r) => ({ ...r, kind: 'repair', caseId: r.repairId, hash: '#/repairs/', overdue: r.overdue ?? day > r.dueOn })),
  ].filter((c) => c.overdue || c.escalated).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.unit.localeCompare(b.unit));

  replace(main,
    heading,
    h('p', { class: 'lead' }, bi(`各单位逾期未处理的异议和信用修复申请：${late.length} 件。`,
      `Objections and repair applications past their due day, every unit: ${late.length}.`)),
    table(bi('逾期未处理的事项', 'Cases past their due day'),
      [['类型', 'Kind'], ['编号', 'Case'], ['处理单位', 'Unit'], ['收到日期', 'Filed'], ['办理期限', 'Due'], ['状态', 'Status']],
      late.map((c) => ({
        className: 'overdue',
        cells: [
          c.kind === 'objection' ? bi('异议', 'Objection') : bi('信用修复', 'Repair'),
          h('a', { href: c.hash + encodeURIComponent(c.caseId) }, c.caseId),
          c.unit, c.filedOn, c.dueOn,
          [badge('overdue', '已逾期', 'Overdue'), c.escalated ? [' ', badge('escalated', '已上报', 'Escalated')] : null],
        ],
      })),
      bi('没有逾期的事项。', 'Nothing is overdue.')));
}

export async function renderFeedback({ main }) {
  const { from, to } = period();
  const answer = await call('GET', `/api/feedback/summary?from=${from}&to=${to}`);
  const heading = h('h1', { tabindex: '-1' }, bi('执行反馈', 'Enforcement feedback'));
  if (!answer.ok) {
    replace(main, heading, problemBox(answer.problem));
    return;
  }
  replace(main,
    heading,
    h('p', { class: 'lead' }, bi(`${from} 至 ${to}：限制或加强审查的查询，收到的反馈与执行情况。`,
      `${from} to ${to}: look-ups that gave a restriction or enhanced review, the feedback on them and what was applied.`)),
    summaryTables(answer.body));
}

/**
 * The summary's shape is its route's to fix (it is being built beside this console): every list of rows in the answer
 * becomes a table of its members, every other value a line, so the panel shows whatever the route answers.
 */
function summaryTables(body) {
  const parts = [];
  for (const [name, value] of Object.entries(body ?? {})) {
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const columns = [...new Set(value.flatMap((v) => Object.keys(v)))];
      parts.push(h('section', { class: 'card' },
        h('h2', { id: id('summary') }, name),
        table(name, columns.map((c) => [c, '']), value.map((v) => ({ cells: columns.map((c) => cellText(v[c])) })), bi('没有数据。', 'No data.'))));
    } else {
      parts.push(h('p', {}, h('strong', {}, `${name}: `), cellText(value)));
    }
  }
  return parts;
}

function cellText(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
