// In-page instruments for benchmarks/browser_response.py (JupyterLab, headless Chromium).
//
// window.__kb.controls()      tags every value control of every widget output with
//                             data-kb="N" and describes it (kind, options, value, ...).
// window.__kb.arm(N)          starts recording for control N: the first input event
//                             (its timeStamp), every DOM mutation inside that control's
//                             output area, the decoding of every image whose src changed or
//                             that was added,
//                             the kernel's iopub messages, animation frames and long tasks.
// window.__kb.state()         what has happened since arm (for waiting until it is over).
// window.__kb.disarm()        stops and returns the record.
// Times are performance.now() milliseconds, the same clock as Event.timeStamp.
(() => {
  if (window.__kb) return;
  const CONTROL_SELECTORS = [
    ['dropdown', '.widget-dropdown select'],
    ['select-multiple', '.widget-select-multiple select'],
    ['select', '.widget-select select'],
    ['toggle-buttons', '.widget-toggle-buttons'],
    ['radio', '.widget-radio-box'],
    ['checkbox', '.widget-checkbox input[type=checkbox]'],
    ['toggle-button', 'button.widget-toggle-button'],
    ['slider', '.widget-slider .noUi-handle'],
    ['number', '.widget-text input[type=number]'],
  ];
  let record = null;
  let connectedKernel = null;
  let counter = 0;

  function kernel() {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  }

  function connect() {
    const k = kernel();
    if (!k || k === connectedKernel) return;
    connectedKernel = k;
    k.iopubMessage.connect((_, msg) => {
      if (!record) return;
      const content = msg.content || {};
      const data = content.data || {};
      record.iopub.push({
        t: performance.now(), type: msg.header.msg_type, state: content.execution_state || null,
        method: data.method || null, comm: content.comm_id || null,
        keys: data.state ? Object.keys(data.state) : [],
        bytes: (msg.buffers || []).reduce((a, b) => a + (b.byteLength || 0), 0),
      });
    });
  }

  function visible(el) {
    const r = el.getBoundingClientRect();
    return !!(el.offsetParent !== null && r.width > 0 && r.height > 0);
  }

  function outputArea(el) {
    return el.closest('.jp-OutputArea-output') || el.closest('.jp-OutputArea') || el.closest('.jp-Cell');
  }

  function describe(kind, el) {
    const d = {kind, disabled: false};
    if (kind === 'dropdown' || kind === 'select' || kind === 'select-multiple') {
      d.options = [...el.options].map(o => o.value);
      d.value = kind === 'select-multiple' ? [...el.selectedOptions].map(o => o.value) : el.value;
      d.disabled = el.disabled;
    } else if (kind === 'toggle-buttons') {
      const buttons = [...el.querySelectorAll('button')];
      d.options = buttons.map((b, i) => i);
      d.value = buttons.findIndex(b => b.classList.contains('mod-active'));
      d.disabled = buttons.every(b => b.disabled);
    } else if (kind === 'radio') {
      const inputs = [...el.querySelectorAll('input[type=radio]')];
      d.options = inputs.map((b, i) => i);
      d.value = inputs.findIndex(b => b.checked);
      d.disabled = inputs.every(b => b.disabled);
    } else if (kind === 'checkbox') {
      d.value = el.checked; d.disabled = el.disabled;
    } else if (kind === 'toggle-button') {
      d.value = el.classList.contains('mod-active'); d.disabled = el.disabled;
    } else if (kind === 'slider') {
      d.value = Number(el.getAttribute('aria-valuenow'));
      d.min = Number(el.getAttribute('aria-valuemin'));
      d.max = Number(el.getAttribute('aria-valuemax'));
      d.disabled = el.hasAttribute('disabled') || !!el.closest('[disabled]');
    } else if (kind === 'number') {
      d.value = el.value; d.min = el.min; d.max = el.max; d.step = el.step; d.disabled = el.disabled;
    }
    // textContent, not innerText: the cells off screen are not rendered (content-visibility)
    const widget = el.closest('.widget-inline-hbox, .widget-toggle-buttons, .widget-checkbox, .widget-radio, .widget-select-multiple, .widget-select, .widget-toggle-button');
    const label = widget && widget.querySelector('.widget-label');
    d.label = ((label && label.textContent) || el.getAttribute('title') || el.textContent || '').trim().slice(0, 60);
    return d;
  }

  function cellIndex(el) {
    const cell = el.closest('.jp-Cell');
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
    return cells.indexOf(cell);
  }

  function controls() {
    const found = [];
    document.querySelectorAll('.jp-OutputArea-output').forEach(area => {
      for (const [kind, selector] of CONTROL_SELECTORS) {
        area.querySelectorAll(selector).forEach(el => {
          if (el.dataset.kb) return;
          if (kind === 'toggle-button' && el.closest('.widget-toggle-buttons')) return;
          if (kind === 'select' && el.closest('.widget-select-multiple')) return;
          if (kind === 'slider' && el.closest('.noUi-target').querySelectorAll('.noUi-handle').length !== 1) return;
          el.dataset.kb = String(++counter);
        });
      }
    });
    return [...document.querySelectorAll('[data-kb]')].map(el => {
      const kind = CONTROL_SELECTORS.find(([k, s]) => el.matches(s))[0];
      return {id: Number(el.dataset.kb), cell: cellIndex(el), visible: visible(el), ...describe(kind, el)};
    });
  }

  function element(id) { return document.querySelector(`[data-kb="${id}"]`); }

  // A control in a closed tab or accordion: tag the tabs or headers that open it (clicked by Playwright).
  function reveal(id) {
    let el = element(id);
    const clicked = [];  // tabs and headers to click (from outside, as a person would), outermost last
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      if (node.classList.contains('lm-mod-hidden') || node.classList.contains('p-mod-hidden')) {
        const panel = node.parentElement;
        const tabs = panel && panel.closest('.widget-tab, .jupyter-widget-tab');
        if (tabs) {
          const index = [...panel.children].indexOf(node);
          const tab = tabs.querySelectorAll('.lm-TabBar-tab, .p-TabBar-tab')[index];
          if (tab) { tab.dataset.kbTab = String(++counter); clicked.push(tab.dataset.kbTab); }
        }
      }
      const collapse = node.classList.contains('jupyter-widget-Collapse-contents') || node.classList.contains('lm-Collapse-contents');
      if (collapse && !visible(node)) {
        const header = node.parentElement.querySelector('.jupyter-widget-Collapse-header, .lm-Collapse-header');
        if (header) { header.dataset.kbTab = String(++counter); clicked.push(header.dataset.kbTab); }
      }
    }
    return clicked;
  }

  function describeOne(id) {
    const el = element(id);
    const kind = CONTROL_SELECTORS.find(([k, s]) => el.matches(s))[0];
    return {id, visible: visible(el), ...describe(kind, el)};
  }

  function onEvent(ev) {
    if (!record) return;
    record.events.push({t: ev.timeStamp, type: ev.type});
    if (record.t0 === null) {
      record.t0 = ev.timeStamp;
      record.markAt = performance.now();
      console.timeStamp('kb-mark');  // ties the browser's trace clock to performance.now()
    }
  }
  for (const type of ['pointerdown', 'mousedown', 'keydown', 'input', 'change', 'click']) {
    document.addEventListener(type, onEvent, true);
  }

  function frame(ts) {
    if (!record) return;
    record.frames.push(ts);
    requestAnimationFrame(frame);
  }

  let longTasks = null;
  try {
    longTasks = new PerformanceObserver(list => {
      if (!record) return;
      for (const e of list.getEntries()) record.longTasks.push({start: e.startTime, duration: e.duration});
    });
    longTasks.observe({type: 'longtask', buffered: false});
  } catch (e) { longTasks = null; }

  function arm(id) {
    connect();
    const el = element(id);
    const area = outputArea(el);
    record = {id, t0: null, events: [], mutations: [], decodes: [], pending: 0, iopub: [], frames: [],
              longTasks: [], armedAt: performance.now()};
    const rec = record;
    rec.observer = new MutationObserver(list => {
      const t = performance.now();
      let images = 0, nodes = 0, attributes = 0, texts = 0;
      for (const m of list) {
        if (m.type === 'childList') nodes += m.addedNodes.length + m.removedNodes.length;
        else if (m.type === 'characterData') texts++;
        else attributes++;
        // a new picture: an <img> whose src changed (an Image widget) or a new <img> (inside an HTML widget)
        const pictures = [];
        if (m.type === 'attributes' && m.attributeName === 'src' && m.target.tagName === 'IMG') pictures.push(m.target);
        if (m.type === 'childList') {
          for (const node of m.addedNodes) {
            if (node.nodeType !== 1) continue;
            if (node.tagName === 'IMG') pictures.push(node);
            else pictures.push(...node.querySelectorAll('img'));
          }
        }
        for (const img of pictures) {
          if (!img.getAttribute('src')) continue;
          images++;
          rec.pending++;
          const started = performance.now();
          img.decode().then(() => {
            rec.decodes.push({t: performance.now(), started, width: img.naturalWidth, height: img.naturalHeight});
          }, () => {
            rec.decodes.push({t: performance.now(), started, failed: true});
          }).finally(() => { rec.pending--; });
        }
      }
      rec.mutations.push({t, records: list.length, nodes, attributes, texts, images});
    });
    rec.observer.observe(area, {subtree: true, childList: true, attributes: true, characterData: true});
    requestAnimationFrame(frame);
    return true;
  }

  function lastActivity(rec) {
    const times = [rec.t0 || rec.armedAt, ...rec.mutations.map(m => m.t), ...rec.decodes.map(d => d.t)];
    return Math.max(...times);
  }

  function state() {
    const rec = record;
    if (!rec) return null;
    const busy = rec.iopub.findIndex(m => m.type === 'status' && m.state === 'busy');
    const idle = busy >= 0 && rec.iopub.slice(busy).some(m => m.type === 'status' && m.state === 'idle');
    return {started: rec.t0 !== null, idle, pending: rec.pending, quiet: performance.now() - lastActivity(rec),
            sinceArm: performance.now() - rec.armedAt};
  }

  function disarm() {
    const rec = record;
    record = null;
    if (!rec) return null;
    rec.observer.disconnect();
    delete rec.observer;
    rec.last = lastActivity(rec);
    return rec;
  }

  window.__kb = {controls, reveal, describeOne, arm, state, disarm, kernel};
})();
