/**
 * The DOM methods the pane uses that the webviews of Excel 2016/2019 lack — Internet Explorer 11
 * and Edge Legacy (EdgeHTML 18). core-js (added by the build) covers the language, not the DOM.
 * Each method is added only where it is missing; modern webviews keep their own.
 */

type Child = Node | string;

function asNode(child: Child, owner: Document): Node {
  return typeof child === 'string' ? owner.createTextNode(child) : child;
}

/** `append`, `replaceChildren`; `classList.toggle(name, force)`; `Blob#text()` (UTF-8). */
export function installDomShims(win: Window & typeof globalThis): void {
  const doc = win.document;
  for (const proto of [win.Element.prototype, win.DocumentFragment.prototype, win.Document.prototype]) {
    if (typeof proto.append !== 'function') {
      Object.defineProperty(proto, 'append', {
        configurable: true, writable: true,
        value(this: ParentNode & Node, ...children: Child[]) {
          for (const child of children) this.appendChild(asNode(child, this.ownerDocument ?? doc));
        },
      });
    }
    if (typeof proto.replaceChildren !== 'function') {
      Object.defineProperty(proto, 'replaceChildren', {
        configurable: true, writable: true,
        value(this: ParentNode & Node, ...children: Child[]) {
          while (this.firstChild) this.removeChild(this.firstChild);
          this.append(...children);
        },
      });
    }
  }

  // Internet Explorer 11 ignores toggle's second argument
  const probe = doc.createElement('div');
  probe.classList.toggle('x', false);
  if (probe.classList.contains('x')) {
    const toggle = win.DOMTokenList.prototype.toggle;
    Object.defineProperty(win.DOMTokenList.prototype, 'toggle', {
      configurable: true, writable: true,
      value(this: DOMTokenList, token: string, force?: boolean) {
        if (force === undefined) return toggle.call(this, token);
        if (force) this.add(token);
        else this.remove(token);
        return force;
      },
    });
  }

  if (typeof win.Blob === 'function' && typeof win.Blob.prototype.text !== 'function') {
    Object.defineProperty(win.Blob.prototype, 'text', {
      configurable: true, writable: true,
      value(this: Blob) {
        return new Promise<string>((resolve, reject) => {
          const reader = new win.FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(reader.error);
          reader.readAsText(this, 'utf-8');
        });
      },
    });
  }
}
