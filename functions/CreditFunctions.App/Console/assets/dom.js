// Building the page from data. Nothing is ever written as HTML: every text (a reason, a body as received, a name) goes in
// as a text node, so what a subject or a sending system wrote can never become markup or script.

/** An element: h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element, as h(). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Chinese first, English beside it: <span lang="zh-CN">中文</span> <span lang="en">English</span>. */
export function bi(zh, en) {
  return h('span', { class: 'bi' }, h('span', { lang: 'zh-CN' }, zh), ' ', h('span', { lang: 'en', class: 'en' }, en));
}

/** Replaces every child of the node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let ids = 0;

/** A fresh id for label/for and aria-describedby pairs. */
export function id(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
