// The development sign-in: only in mode "development" (./infra/run, Auth__LocalDevelopment), where nothing signs anyone
// in and the app believes whatever principal a caller sends. It says so on screen, always.

import { bi, h, id } from './dom.js';
import { startDevelopmentSession } from './api.js';

export const CENTER_UNIT = 'SH-CREDIT-CENTER';

/** The strip every page shows in development mode. */
export function developmentBanner() {
  return h('div', { class: 'dev-banner', role: 'note' },
    h('strong', {}, bi('开发环境 · 仅限本地开发', 'Development only')),
    ' ',
    bi('这里的登录不核验身份：任何人都可以选择任何角色和单位。生产环境由 Microsoft Entra ID 登录。',
      'This sign-in checks no identity: anyone can pick any role and unit. In Azure, officials sign in with Microsoft Entra ID.'));
}

/** The sign-in form: a role and, for a unit, its code; Enter in the code field signs in. */
export function signInForm(units, onSignedIn) {
  const error = h('p', { class: 'error', role: 'alert', id: id('signin-error'), hidden: true });
  const unitField = id('unit');
  const list = id('units');
  const unitInput = h('input', {
    id: unitField, name: 'unit', type: 'text', list, value: 'SH-HRSS-ENFORCEMENT', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': `${unitField}-hint`,
  });
  const roles = [
    ['unit', '报送单位', 'Submitting unit'],
    ['center', '市公共信用信息服务中心', 'Credit Information Service Center'],
    ['admin', '管理员', 'Administrator'],
  ];
  const radios = roles.map(([value, zh, en], i) => {
    const radioId = id('role');
    return h('div', { class: 'choice' },
      h('input', { type: 'radio', name: 'role', id: radioId, value, checked: i === 0 }),
      h('label', { for: radioId }, bi(zh, en)));
  });

  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title', tabindex: '-1' }, bi('开发环境登录', 'Development sign-in')),
    h('p', {}, bi('选择以何种身份使用控制台（仅限本地开发）。', 'Choose whom to act as (local development only).')),
    h('fieldset', {},
      h('legend', {}, bi('角色', 'Role')),
      radios),
    h('div', { class: 'field' },
      h('label', { for: unitField }, bi('单位代码', 'Unit code')),
      unitInput,
      h('datalist', { id: list }, units.map((u) => h('option', { value: u.code }, `${u.name?.zh ?? ''} ${u.name?.en ?? ''}`))),
      h('p', { class: 'hint', id: `${unitField}-hint` },
        bi(`报送单位填写本单位代码；信用中心为 ${CENTER_UNIT}；管理员无需填写。`,
          `A unit gives its own code; the Center is ${CENTER_UNIT}; an administrator needs none.`))),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, bi('登录', 'Sign in'))));

  form.addEventListener('change', () => {
    const role = form.elements.role.value;
    if (role === 'center' && (unitInput.value === '' || unitInput.value === 'SH-HRSS-ENFORCEMENT')) {
      unitInput.value = CENTER_UNIT;
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const role = form.elements.role.value;
    const unit = unitInput.value.trim().toUpperCase();
    if (role === 'unit' && unit.length === 0) {
      error.replaceChildren(bi('请填写单位代码。', 'Give the unit code.'));
      error.hidden = false;
      unitInput.setAttribute('aria-invalid', 'true');
      unitInput.focus();
      return;
    }
    const session = {
      role,
      unit: role === 'admin' ? null : role === 'center' ? (unit || CENTER_UNIT) : unit,
      name: `开发用户 developer (${role})`,
    };
    startDevelopmentSession(session);
    onSignedIn(session);
  });
  return form;
}
