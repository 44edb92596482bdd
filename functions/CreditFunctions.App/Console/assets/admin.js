// Administrators: cases escalated or overdue across every unit, and the enforcement-feedback summary
// (GET /api/feedback/summary, contract v2 "Enforcement feedback"). The panel's link is shown when the route answers 200,
// so a deployment without the route (404) shows no broken panel.

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
  const rows = answer.body.rows ?? [];
  const sum = (name) => rows.reduce((total, r) => total + (r[name] ?? 0), 0);
  replace(main,
    heading,
    h('p', { class: 'lead' }, bi(
      `${answer.body.from} 至 ${answer.body.to}（北京时间）：给出限制或加强审查的查询 ${sum('lookups')} 次，收到反馈 ${sum('withFeedback')} 次。`,
      `${answer.body.from} to ${answer.body.to} (China Standard Time): ${sum('lookups')} look-ups gave a restriction or enhanced review; ${sum('withFeedback')} got feedback.`)),
    table(bi('按业务类型和措施', 'By business type and measure'),
      [['业务类型', 'Business'], ['措施', 'Measure'], ['查询', 'Look-ups'], ['限制', 'Restricted'], ['加强审查', 'Enhanced review'],
        ['已反馈', 'With feedback'], ['已执行', 'Applied'], ['未执行', 'Not applied'], ['豁免', 'Exempted']],
      rows.map((r) => ({
        cells: [r.business, r.measure, r.lookups, r.restricted, r.enhancedReview, r.withFeedback, r.applied, r.notApplied, r.exempted],
      })),
      bi('这一期间没有给出限制或加强审查的查询。', 'No look-up gave a restriction or enhanced review in this period.')));
}
