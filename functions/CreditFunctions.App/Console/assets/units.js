// A unit's own figures (art7): what the register refused from it (GET /api/units/{unit}/rejections) and how timely its
// records arrive, with a chart of arrivals and rejections by month (GET /api/units/{unit}/quality).

import { bi, h, id, replace, s } from './dom.js';
import { call } from './api.js';
import { instant } from './text.js';
import { problemBox, table } from './cases.js';

export async function renderRejections({ main }, unit, embedded) {
  const answer = await call('GET', `/api/units/${encodeURIComponent(unit)}/rejections?limit=50`);
  const heading = embedded
    ? h('h2', {}, bi('退回记录', 'Rejections'))
    : h('h1', { tabindex: '-1' }, bi('退回记录', 'Rejections'), ' ', h('code', {}, unit));
  const content = !answer.ok ? problemBox(answer.problem) : rejectionsTable(answer.body);
  if (embedded) {
    return h('section', { class: 'card' }, heading, content);
  }
  replace(main, heading,
    h('p', { class: 'lead' }, bi('本单位被退回的记录和报文，最新的在前；报文按收到时原样显示。',
      'What the register refused from the unit, newest first; each body exactly as it arrived.')),
    content);
  return null;
}

function rejectionsTable(body) {
  const rows = body.rejections.map((r) => ({
    cells: [
      instant(r.rejectedAt),
      [h('code', {}, r.messageId ?? '—'), r.recordIndex !== undefined ? [' ', bi(`第 ${r.recordIndex} 条`, `#${r.recordIndex}`)] : [' ', bi('整条报文', 'whole message')]],
      r.sourceRecordId ? h('code', {}, r.sourceRecordId) : '—',
      [h('code', {}, r.code), r.field ? [' ', h('code', { class: 'field-name' }, r.field)] : null],
      [h('span', { lang: 'zh-CN' }, r.reason.zh), h('br', {}), h('span', { lang: 'en', class: 'en' }, r.reason.en)],
      h('details', {},
        h('summary', {}, bi('原始报文', 'Body as received'), ` (${r.body.length})`),
        h('pre', { class: 'body' }, r.body),
        r.bodyTruncated ? h('p', { class: 'hint' }, bi('报文过长，只保存了前面部分。', 'Too long: only its beginning was kept.')) : null),
    ],
  }));
  return [
    table(bi('退回的记录和报文', 'Refused records and messages'),
      [['时间', 'When'], ['报文', 'Message'], ['记录编号', 'Source record'], ['原因代码', 'Code'], ['说明', 'Reason'], ['报文内容', 'Body']],
      rows, bi('没有被退回的记录。', 'Nothing was refused.')),
    body.more ? h('p', { class: 'hint' }, bi('只显示最新的 50 条。', 'The newest 50 only.')) : null,
  ];
}

export async function renderQuality(context, unit, withRejections) {
  const { main, unitName } = context;
  const answer = await call('GET', `/api/units/${encodeURIComponent(unit)}/quality`);
  const name = unitName(unit);
  const heading = h('h1', { tabindex: '-1' }, bi('报送质量', 'Submission quality'), ' ', h('code', {}, unit), name ? ` ${name.zh}` : '');
  if (!answer.ok) {
    replace(main, heading, problemBox(answer.problem));
    return;
  }

  const q = answer.body;
  const total = q.timeliness.total;
  const share = total.onTimeShare === undefined ? '—' : `${(total.onTimeShare * 100).toFixed(1)}%`;
  replace(main,
    withRejections ? h('p', { class: 'crumbs' }, h('a', { href: '#/units' }, bi('选择其他单位', 'Another unit'))) : null,
    heading,
    h('div', { class: 'figures' },
      figure('收到记录', 'Records received', String(total.records)),
      figure('7 个工作日内', 'Within 7 working days', share),
      figure('平均工作日', 'Average working days', total.averageWorkingDays === undefined ? '—' : String(total.averageWorkingDays)),
      figure('最长工作日', 'Longest, working days', String(total.maxWorkingDays)),
      figure('被退回', 'Refused', String(q.rejections.total))),
    h('section', { class: 'card' },
      h('h2', {}, bi('每月收到与退回', 'Arrivals and rejections by month')),
      chart(q)),
    h('section', { class: 'card' },
      h('h2', {}, bi('按原因代码的退回', 'Refusals by reason code')),
      table(bi('退回原因', 'Reason codes'), [['原因代码', 'Code'], ['次数', 'Count']],
        q.rejections.byCode.map((c) => ({ cells: [h('code', {}, c.code), String(c.count)] })),
        bi('没有退回。', 'Nothing refused.'))),
    h('section', { class: 'card' },
      h('h2', {}, bi('及时性（按收到月份）', 'Timeliness by month of arrival')),
      table(bi('从决定到收到的工作日', 'Working days from decision to arrival'),
        [['月份', 'Month'], ['记录', 'Records'], ['≤7', '≤7'], ['8–15', '8–15'], ['16–30', '16–30'], ['>30', '>30'], ['平均', 'Average']],
        q.timeliness.months.map((m) => ({
          cells: [m.month, String(m.records), String(m.lag0To7), String(m.lag8To15), String(m.lag16To30), String(m.lagOver30), String(m.averageWorkingDays ?? '—')],
        })),
        bi('尚未收到记录。', 'No record received yet.'))),
    withRejections ? await renderRejections(context, unit, true) : null);
}

function figure(zh, en, value) {
  return h('div', { class: 'figure' }, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, bi(zh, en)));
}

/** Grouped bars, one pair per month (oldest left): records received and submissions refused. Drawn as SVG, no library. */
function chart(q) {
  const byMonth = new Map();
  for (const m of q.timeliness.months) {
    byMonth.set(m.month, { month: m.month, arrivals: m.records, rejections: 0 });
  }
  for (const m of q.rejections.byMonth ?? []) {
    const entry = byMonth.get(m.month) ?? { month: m.month, arrivals: 0, rejections: 0 };
    entry.rejections = m.count;
    byMonth.set(m.month, entry);
  }
  const months = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)).slice(-24);
  if (months.length === 0) {
    return h('p', { class: 'empty' }, bi('还没有数据。', 'No data yet.'));
  }

  const width = 720;
  const height = 260;
  const left = 44;
  const bottom = 36;
  const top = 16;
  const max = Math.max(1, ...months.map((m) => Math.max(m.arrivals, m.rejections)));
  const step = (width - left - 8) / months.length;
  const bar = Math.max(4, Math.min(28, step / 2 - 4));
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const titleId = id('chart-title');
  const descId = id('chart-desc');
  const ticks = [0, Math.round(max / 2), max];

  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${titleId} ${descId}`, preserveAspectRatio: 'xMidYMid meet',
  },
  s('title', { id: titleId }, '每月收到与退回 Arrivals and rejections by month'),
  s('desc', { id: descId }, months.map((m) => `${m.month}: ${m.arrivals} / ${m.rejections}`).join('; ')),
  ticks.map((t) => [
    s('line', { x1: left, x2: width - 4, y1: y(t), y2: y(t), class: 'grid' }),
    s('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'axis' }, String(t)),
  ]),
  months.map((m, i) => {
    const x = left + i * step + step / 2;
    return s('g', {},
      s('rect', { x: x - bar - 1, y: y(m.arrivals), width: bar, height: y(0) - y(m.arrivals), class: 'bar-arrivals' },
        s('title', {}, `${m.month} 收到 received ${m.arrivals}`)),
      s('rect', { x: x + 1, y: y(m.rejections), width: bar, height: y(0) - y(m.rejections), class: 'bar-rejections' },
        s('title', {}, `${m.month} 退回 refused ${m.rejections}`)),
      s('text', { x, y: height - bottom + 16, 'text-anchor': 'middle', class: 'axis' }, m.month));
  }));

  return h('figure', { class: 'chart-figure' },
    svg,
    h('figcaption', { class: 'legend' },
      h('span', { class: 'key key-arrivals' }), bi('收到的记录', 'Records received'), ' ',
      h('span', { class: 'key key-rejections' }), bi('被退回', 'Refused')),
    table(bi('图表数据', 'The chart’s figures'), [['月份', 'Month'], ['收到', 'Received'], ['退回', 'Refused']],
      months.map((m) => ({ cells: [m.month, String(m.arrivals), String(m.rejections)] })), ''));
}

/** Administrators pick a unit to see its quality and rejections. */
export function renderUnitPicker({ main }, units) {
  const fieldId = id('pick-unit');
  const list = id('pick-units');
  const input = h('input', { id: fieldId, name: 'unit', type: 'text', list, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: fieldId }, bi('单位代码', 'Unit code')),
      input,
      h('datalist', { id: list }, units.map((u) => h('option', { value: u.code }, `${u.name?.zh ?? ''} ${u.name?.en ?? ''}`)))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, bi('查看', 'Show'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = input.value.trim().toUpperCase();
    if (code.length > 0) {
      location.hash = `#/units/${encodeURIComponent(code)}`;
    }
  });
  replace(main,
    h('h1', { tabindex: '-1' }, bi('单位报送情况', 'Units')),
    h('p', { class: 'lead' }, bi('选择一个单位，查看其报送质量和退回记录。', 'Choose a unit to see its quality and rejections.')),
    form,
    h('ul', { class: 'unit-list' }, units.filter((u) => u.code !== 'court').map((u) => h('li', {},
      h('a', { href: `#/units/${encodeURIComponent(u.code)}` }, h('code', {}, u.code), ` ${u.name?.zh ?? ''}`)))));
}
