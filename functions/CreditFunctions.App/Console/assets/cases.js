// Objections (art10) and repair applications (art11): the unit's pending cases, one case with its record and the
// decision form, the printable decision slip, and the Center's own objections.

import { bi, h, id, replace } from './dom.js';
import { call } from './api.js';
import { instant, today, word } from './text.js';

const MAX_REASON = 2000;

const KINDS = {
  objection: { path: 'objections', idField: 'objectionId', hash: '#/objections/' },
  repair: { path: 'repairs', idField: 'repairId', hash: '#/repairs/' },
};

/** A refusal of the API as it gave it: title and detail in Chinese and in English, every condition, the code. */
export function problemBox(problem) {
  const conditions = Array.isArray(problem.conditions) ? problem.conditions : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('p', { class: 'problem-title' }, bi(problem.zh?.title ?? problem.title ?? '', problem.en?.title ?? '')),
    problem.zh?.detail ? h('p', { lang: 'zh-CN' }, problem.zh.detail) : null,
    problem.en?.detail ? h('p', { lang: 'en', class: 'en' }, problem.en.detail) : null,
    conditions.length > 1 || (conditions.length === 1 && conditions[0].code !== problem.code)
      ? h('ul', {}, conditions.map((c) => h('li', {}, h('span', { lang: 'zh-CN' }, c.zh), ' ', h('span', { lang: 'en', class: 'en' }, c.en),
        ' ', h('code', {}, c.code))))
      : null,
    h('p', { class: 'problem-code' }, bi('代码', 'Code'), ' ', h('code', {}, problem.code ?? ''), problem.status ? ` (HTTP ${problem.status})` : ''));
}

/** A table that reads as a list of cards at phone width (each cell carries its column's name). */
export function table(caption, columns, rows, empty) {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(([zh, en]) => h('th', { scope: 'col' }, bi(zh, en))))),
      h('tbody', {}, rows.map((row) => h('tr', { class: row.className ?? null },
        row.cells.map((cell, i) => h('td', { 'data-label': `${columns[i][0]} ${columns[i][1]}` }, cell)))))));
}

export function badge(kind, zh, en) {
  return h('span', { class: `badge badge-${kind}` }, bi(zh, en));
}

function statusCell(item) {
  if (item.status === 'decided') {
    const [zh, en] = word('outcome', item.outcome);
    return [badge('done', '已处理', 'Decided'), ' ', bi(zh, en)];
  }
  const overdue = item.overdue ?? (today() > item.dueOn);
  return [
    overdue ? badge('overdue', '已逾期', 'Overdue') : badge('pending', '待处理', 'Pending'),
    item.escalated ? [' ', badge('escalated', '已上报', 'Escalated')] : null,
  ];
}

function caseLink(kind, caseId) {
  return h('a', { href: KINDS[kind].hash + encodeURIComponent(caseId) }, caseId);
}

/** Pending objections and repairs of the unit, merged and sorted by the working day they are due. */
export async function renderPending({ main, user }) {
  const [objections, repairs] = await Promise.all([
    call('GET', '/api/objections?status=pending'),
    call('GET', '/api/repairs?status=pending'),
  ]);
  const heading = h('h1', { tabindex: '-1' }, bi('待办事项', 'To decide'));
  const failed = [objections, repairs].find((a) => !a.ok);
  if (failed) {
    replace(main, heading, problemBox(failed.problem));
    return;
  }

  const items = [
    ...objections.body.objections.map((o) => ({ ...o, kind: 'objection', caseId: o.objectionId })),
    ...repairs.body.repairs.map((r) => ({ ...r, kind: 'repair', caseId: r.repairId })),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind) || a.caseId.localeCompare(b.caseId));
  const overdue = items.filter((i) => i.overdue ?? today() > i.dueOn).length;

  replace(main,
    heading,
    h('p', { class: 'lead' },
      bi(`${user.unit}：${items.length} 件待处理，其中 ${overdue} 件已逾期。按办理期限（工作日）排序。`,
        `${items.length} to decide, ${overdue} overdue; the earliest due (in working days) first.`)),
    table(bi('待处理的异议和信用修复申请', 'Pending objections and repair applications'),
      [['类型', 'Kind'], ['编号', 'Case'], ['信用记录', 'Record'], ['收到日期', 'Filed'], ['办理期限', 'Due'], ['状态', 'Status']],
      items.map((i) => ({
        className: (i.overdue ?? today() > i.dueOn) ? 'overdue' : null,
        cells: [bi(...word('caseKind', i.kind)), caseLink(i.kind, i.caseId), h('code', {}, i.recordId), i.filedOn, i.dueOn, statusCell(i)],
      })),
      bi('没有待处理的事项。', 'Nothing to decide.')));
}

/** The objections the Center filed for subjects, every unit's, with their progress. */
export async function renderCenter({ main }) {
  const answer = await call('GET', '/api/objections?status=all');
  const heading = h('h1', { tabindex: '-1' }, bi('中心提出的异议', 'Objections filed by the Center'));
  if (!answer.ok) {
    replace(main, heading, problemBox(answer.problem));
    return;
  }

  const mine = answer.body.objections.filter((o) => o.filedAs === 'center');
  const open = mine.filter((o) => o.status !== 'decided');
  replace(main,
    heading,
    h('p', { class: 'lead' },
      bi(`代信用主体提出的异议 ${mine.length} 件，其中 ${open.length} 件尚未处理。`,
        `${mine.length} filed for subjects, ${open.length} still open.`)),
    table(bi('中心代为提出的异议及进度', 'Objections the Center filed, and their progress'),
      [['编号', 'Objection'], ['信用记录', 'Record'], ['处理单位', 'Deciding unit'], ['提出日期', 'Filed'], ['办理期限', 'Due'], ['进度', 'Progress'], ['处理日期', 'Decided']],
      mine.map((o) => ({
        className: o.overdue ? 'overdue' : null,
        cells: [caseLink('objection', o.objectionId), h('code', {}, o.recordId), o.unit, o.filedOn, o.dueOn, statusCell(o), o.decidedOn ?? '—'],
      })),
      bi('中心尚未代为提出异议。', 'The Center has filed no objection yet.')),
    h('p', { class: 'hint' },
      bi('列表来自 GET /api/objections，按提出方（filedAs）筛选。', 'From GET /api/objections, filtered by who filed (filedAs).')));
}

/** One case: what the subject said, the record and its history, and the decision form or the decision and its slip. */
export async function renderCase(context, kind, caseId, notice) {
  const { main, user } = context;
  const k = KINDS[kind];
  const answer = await call('GET', `/api/${k.path}/${encodeURIComponent(caseId)}`);
  const [kindZh, kindEn] = kind === 'objection' ? ['异议', 'Objection'] : ['信用修复申请', 'Repair application'];
  const heading = h('h1', { tabindex: '-1' }, bi(kindZh, kindEn), ' ', h('code', {}, caseId));
  if (!answer.ok) {
    replace(main, heading, problemBox(answer.problem), h('p', {}, h('a', { href: '#/' }, bi('返回', 'Back'))));
    return;
  }

  const item = answer.body;
  // The record is the submitting unit's and the administrators' to read (GET /api/records/{id}); the Center is told so.
  const record = await call('GET', `/api/records/${encodeURIComponent(item.recordId)}`);
  const decides = user.roles.includes('unit') && user.unit === item.unit && item.status !== 'decided';
  const overdue = item.status !== 'decided' && (item.overdue ?? today() > item.dueOn);

  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, bi('返回列表', 'Back to the list'))),
    heading,
    notice ?? null,
    h('p', { class: 'lead' },
      statusCell({ ...item, overdue }), ' ',
      bi(`办理期限 ${item.dueOn}`, `due ${item.dueOn}`), ' · ',
      bi(`收到 ${item.filedOn}`, `filed ${item.filedOn}`), ' · ',
      bi(`处理单位 ${item.unit}`, `deciding unit ${item.unit}`)),
    h('div', { class: 'columns' },
      h('div', {},
        subjectSection(kind, item),
        recordSection(record, item)),
      h('div', {},
        decides ? decisionForm(context, kind, item, record.ok ? record.body : null) : null,
        item.status === 'decided' ? decisionSection(context, kind, item, record.ok ? record.body : null) : null,
        !decides && item.status !== 'decided'
          ? h('p', { class: 'card hint' }, bi('只有报送该记录的单位可以作出决定。', 'Only the unit that submitted the record decides.'))
          : null)));
}

function dl(rows) {
  return h('dl', { class: 'facts' }, rows.filter((r) => r && r[2] !== null && r[2] !== undefined && r[2] !== '')
    .map(([zh, en, value]) => [h('dt', {}, bi(zh, en)), h('dd', {}, value)]));
}

function subjectSection(kind, item) {
  const evidence = item.evidence ?? [];
  return h('section', { class: 'card', 'aria-labelledby': 'subject-says' },
    h('h2', { id: 'subject-says' }, kind === 'objection' ? bi('异议理由', 'The subject’s reason') : bi('修复申请', 'The application')),
    kind === 'objection'
      ? [dl([['提出方', 'Filed by', bi(...word('filedAs', item.filedAs))]]), h('blockquote', { class: 'said' }, item.reason)]
      : [h('blockquote', { class: 'said' }, item.statement),
        dl([
          ['信用承诺', 'Commitment', item.commitment ? bi('已作出', 'Made') : bi('未作出', 'Not made')],
          ['纠正日期', 'Corrected on', item.correctedOn ?? null],
          ['提前移出名单', 'Early removal from the list', item.wageArrearsRemoval ? bi('是', 'Yes') : null],
        ])],
    h('h3', {}, bi('证据材料', 'Evidence')),
    evidence.length === 0
      ? h('p', { class: 'empty' }, bi('未提交证据材料。', 'No evidence given.'))
      : h('ul', { class: 'evidence' }, evidence.map((e) => h('li', {}, e))));
}

function recordSection(answer, item) {
  if (!answer.ok) {
    return h('section', { class: 'card', 'aria-labelledby': 'record-title' },
      h('h2', { id: 'record-title' }, bi('信用记录', 'The record'), ' ', h('code', {}, item.recordId)),
      answer.status === 403
        ? h('p', { class: 'hint' }, bi('记录详情只向报送单位、信用主体和管理员显示。', 'Record details are shown to the submitting unit, the subject and administrators only.'))
        : problemBox(answer.problem));
  }

  const r = answer.body;
  return h('section', { class: 'card', 'aria-labelledby': 'record-title' },
    h('h2', { id: 'record-title' }, bi('信用记录', 'The record'), ' ', h('code', {}, r.recordId)),
    dl([
      ['信用主体', 'Subject', [r.subject.name ? `${r.subject.name} ` : '', h('code', {}, r.subject.id), ' ', bi(...word('subjectType', r.subject.type))]],
      ['类别', 'Kind', bi(...word('kind', r.kind))],
      ['认定', 'Classification', bi(...word('classification', r.classification))],
      ['状态', 'State', [bi(...word('state', r.state)), r.underObjection ? [' ', badge('pending', '异议中', 'Under objection')] : null]],
      ['决定文书号', 'Decision number', r.decisionNumber],
      ['决定日期', 'Decision date', r.decisionDate],
      ['公示期', 'Shown', `${r.start} – ${r.expiresOn ?? '…'}`],
      ['可申请修复', 'Repairable from', r.repairableFrom],
      ['法律依据', 'Legal basis', r.legalBasis],
      ['行为代码', 'Behaviour code', r.behaviourCode],
      ['摘要', 'Summary', r.summary],
      ['版本', 'Version', String(r.version)],
    ]),
    h('h3', {}, bi('记录历史', 'History'), ' ',
      r.history.verified ? badge('done', '哈希链校验通过', 'chain verifies') : badge('overdue', '哈希链校验失败', 'chain does not verify')),
    table(bi('记录的每一步', 'Every step of the record'),
      [['#', '#'], ['时间', 'When'], ['事项', 'What'], ['操作方', 'Who'], ['说明', 'Detail']],
      r.history.entries.map((e) => ({ cells: [String(e.sequence), instant(e.at), bi(...word('action', e.action)), e.actor, e.detail ?? ''] })),
      bi('没有历史记录。', 'No history.')));
}

/** The fields a correction may change, prefilled with the record's values; only those changed are sent. */
const CORRECTABLE = [
  ['decisionNumber', '决定文书号', 'Decision number', 'text'],
  ['decisionDate', '决定日期', 'Decision date', 'date'],
  ['severity', '严重程度', 'Severity', 'severity'],
  ['legalBasis', '法律依据', 'Legal basis', 'text'],
  ['summary', '摘要', 'Summary', 'textarea'],
];

function decisionForm(context, kind, item, record) {
  const outcomes = kind === 'objection'
    ? [['upheld', '维持', 'Uphold the record'], ['corrected', '更正', 'Correct the record'], ['revoked', '撤销', 'Revoke the record']]
    : [['approved', '准予修复', 'Approve the repair'], ['rejected', '不予修复', 'Reject the application']];
  const reasonRequiredFor = kind === 'objection' ? 'upheld' : 'rejected';
  const reasonId = id('reason');
  const reasonHint = `${reasonId}-hint`;
  const reasonError = `${reasonId}-error`;
  const error = h('div', { class: 'form-error', id: id('decision-error'), 'aria-live': 'assertive' });
  const reason = h('textarea', { id: reasonId, name: 'reason', rows: '4', maxlength: String(MAX_REASON), 'aria-describedby': `${reasonHint} ${reasonError}` });
  const [needZh, needEn] = kind === 'objection' ? ['维持原记录时必须说明理由', 'required to uphold'] : ['不予修复时必须说明理由', 'required to reject'];

  const corrected = kind === 'objection' ? correctedFields(record) : null;
  const form = h('form', { class: 'card decide', 'aria-labelledby': 'decide-title', novalidate: true },
    h('h2', { id: 'decide-title' }, bi('作出决定', 'Decide')),
    h('fieldset', {},
      h('legend', {}, bi('处理结果', 'Outcome')),
      outcomes.map(([value, zh, en], i) => {
        const radio = id('outcome');
        return h('div', { class: 'choice' },
          h('input', { type: 'radio', name: 'outcome', id: radio, value, checked: i === 0 }),
          h('label', { for: radio }, bi(zh, en)));
      })),
    h('div', { class: 'field' },
      h('label', { for: reasonId }, bi('理由', 'Reason')),
      reason,
      h('p', { class: 'hint', id: reasonHint },
        bi(`${needZh}（至多 ${MAX_REASON} 字）；按 Ctrl+Enter 提交。`, `${needEn} (at most ${MAX_REASON} characters); Ctrl+Enter submits.`)),
      h('p', { class: 'field-error', id: reasonError })),
    corrected?.fieldset ?? null,
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, bi('提交决定', 'Submit decision'))));

  const showCorrected = () => {
    if (corrected) {
      corrected.fieldset.hidden = form.elements.outcome.value !== 'corrected';
    }
  };
  form.addEventListener('change', showCorrected);
  showCorrected();
  reason.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const outcome = form.elements.outcome.value;
    const text = reason.value.trim();
    error.replaceChildren();
    form.querySelector(`#${reasonError}`).replaceChildren();
    reason.removeAttribute('aria-invalid');
    if (outcome === reasonRequiredFor && text.length === 0) {
      // The API would refuse it too (reason-required); saying so here spares the round trip.
      reason.setAttribute('aria-invalid', 'true');
      form.querySelector(`#${reasonError}`).replaceChildren(
        bi(`请填写理由（1 至 ${MAX_REASON} 个字）。`, `Give the reason (1 to ${MAX_REASON} characters).`));
      error.replaceChildren(h('p', { class: 'problem', role: 'alert' },
        bi(`${needZh}。`, `A reason is ${needEn}.`)));
      reason.focus();
      return;
    }

    const body = { outcome };
    if (text.length > 0) {
      body.reason = text;
    }
    if (outcome === 'corrected' && corrected) {
      const changed = corrected.changes();
      if (Object.keys(changed).length > 0) {
        body.corrected = changed;
      }
    }

    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const answer = await call('POST', `/api/${KINDS[kind].path}/${encodeURIComponent(item[KINDS[kind].idField])}/decision`, body);
    button.disabled = false;
    if (!answer.ok) {
      error.replaceChildren(problemBox(answer.problem));
      error.querySelector('[role=alert]')?.setAttribute('tabindex', '-1');
      error.querySelector('[role=alert]')?.focus();
      return;
    }
    await renderCase(context, kind, item[KINDS[kind].idField],
      h('p', { class: 'notice', role: 'status' }, bi('决定已提交，已通知信用主体。', 'The decision is recorded and the subject is told.')));
  });
  return form;
}

function correctedFields(record) {
  const inputs = {};
  const fieldset = h('fieldset', { class: 'corrected' },
    h('legend', {}, bi('更正后的内容（只提交改动的项）', 'Corrected fields (only those changed are sent)')),
    CORRECTABLE.map(([name, zh, en, type]) => {
      const fieldId = id(name);
      const value = record?.[name] ?? '';
      let input;
      if (type === 'textarea') {
        input = h('textarea', { id: fieldId, name, rows: '2' }, value);
      } else if (type === 'severity') {
        input = h('select', { id: fieldId, name },
          h('option', { value: '' }, '—'),
          h('option', { value: 'general', selected: value === 'general' }, '一般 General'),
          h('option', { value: 'serious', selected: value === 'serious' }, '严重 Serious'));
      } else {
        input = h('input', { id: fieldId, name, type, value });
      }
      inputs[name] = { input, original: value };
      return h('div', { class: 'field' }, h('label', { for: fieldId }, bi(zh, en)), input);
    }));
  const changes = () => {
    const changed = {};
    for (const [name, { input, original }] of Object.entries(inputs)) {
      const value = input.value.trim();
      if (value !== String(original ?? '') && value !== '') {
        changed[name] = value;
      }
    }
    return changed;
  };
  return { fieldset, changes };
}

function decisionSection({ unitName }, kind, item, record) {
  const [zh, en] = word('outcome', item.outcome);
  return h('section', { class: 'card', 'aria-labelledby': 'decision-title' },
    h('h2', { id: 'decision-title' }, bi('处理决定', 'Decision')),
    dl([
      ['结果', 'Outcome', bi(zh, en)],
      ['理由', 'Reason', item.decisionReason ?? null],
      ['处理日期', 'Decided on', item.decidedOn],
      ['更正后的版本', 'Corrected version', item.correctedVersion ? String(item.correctedVersion) : null],
      ['逾期作出', 'Decided late', item.decidedLate ? bi('是', 'Yes') : null],
    ]),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => window.print() }, bi('打印决定书', 'Print the decision slip'))),
    slip(kind, item, record, unitName(item.unit)));
}

/** The decision slip: on screen a preview, in print the only thing on the page (console.css, @media print). */
function slip(kind, item, record, unit) {
  const [zh, en] = word('outcome', item.outcome);
  const [titleZh, titleEn] = kind === 'objection'
    ? ['信用信息异议处理决定书', 'Decision on an objection to credit information']
    : ['信用修复决定书', 'Decision on a credit repair application'];
  const line = (lzh, len, value) => h('tr', {}, h('th', { scope: 'row' }, h('span', { lang: 'zh-CN' }, lzh), h('br', {}), h('span', { lang: 'en', class: 'en' }, len)), h('td', {}, value));
  return h('article', { class: 'slip', 'aria-label': `${titleZh} ${titleEn}` },
    h('p', { class: 'slip-issuer' }, h('span', { lang: 'zh-CN' }, unit?.zh ?? item.unit), h('br', {}), h('span', { lang: 'en', class: 'en' }, unit?.en ?? item.unit)),
    h('h2', { class: 'slip-title' }, h('span', { lang: 'zh-CN' }, titleZh), h('br', {}), h('span', { lang: 'en', class: 'en' }, titleEn)),
    h('table', { class: 'slip-table' }, h('tbody', {},
      line('编号', 'No.', item[KINDS[kind].idField]),
      line('信用主体', 'Subject', record ? `${record.subject.name ?? ''} ${record.subject.id}` : '—'),
      line('信用记录', 'Record', record ? `${word('kind', record.kind)[0]} ${record.decisionNumber ?? ''} (${item.recordId})` : item.recordId),
      line(kind === 'objection' ? '异议理由' : '修复申请', kind === 'objection' ? 'Reason given' : 'Statement', kind === 'objection' ? item.reason : item.statement),
      line('收到日期', 'Filed on', item.filedOn),
      line('处理结果', 'Outcome', `${zh} ${en}`),
      line('理由', 'Reason', item.decisionReason ?? '—'),
      line('处理日期', 'Decided on', item.decidedOn ?? '—'))),
    h('p', { class: 'slip-foot' },
      h('span', { lang: 'zh-CN' }, `打印时间 ${instant(new Date().toISOString())}（北京时间）`), ' ',
      h('span', { lang: 'en', class: 'en' }, 'Printed (China Standard Time)')));
}
