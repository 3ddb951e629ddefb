// Idle sign-out (等保): after the policy's idle minutes without input, sign out. While the user is
// active, refresh the sliding cookie at most every 5 minutes (an interactive page makes no HTTP
// requests of its own, so without this an active user's cookie would expire).
(function () {
  const meta = document.querySelector('meta[name="hp-idle-minutes"]');
  if (!meta) return;
  const idleMs = Number(meta.content) * 60 * 1000;
  let lastActivity = Date.now();
  let lastPing = Date.now();
  const onActivity = () => {
    lastActivity = Date.now();
    if (lastActivity - lastPing > 5 * 60 * 1000) {
      lastPing = lastActivity;
      fetch('/account/keepalive', { credentials: 'same-origin' }).catch(() => {});
    }
  };
  ['mousemove', 'keydown', 'touchstart', 'click', 'scroll'].forEach(e => window.addEventListener(e, onActivity, { passive: true }));
  setInterval(() => {
    if (Date.now() - lastActivity > idleMs) {
      const form = document.getElementById('hp-logout');
      if (form) {
        form.action = '/account/logout?reason=idle';
        form.submit();
      } else {
        window.location.href = '/account/login?reason=idle';
      }
    }
  }, 30 * 1000);
})();

// Called by the layout once the interactive circuit has rendered (OnAfterRender runs only then):
// a visible sign for people and tests that clicks now reach the server.
window.hpMarkInteractive = function () {
  document.body.dataset.interactive = 'true';
};

// A read-only page section the circuit sends once and does not keep (see Components/Shared/StaticHtml.cs):
// Blazor renders the element empty and never touches its children.
window.hpSetHtml = function (element, html) {
  if (element) element.innerHTML = html;
};

// A panel that a tap filled (the tree's selected node, below a long tree on a phone) comes into view.
window.hpScrollIntoView = function (element) {
  if (element && element.scrollIntoView) element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
};

// A refused submission brings its first item into view (the item is highlighted by its class).
window.hpScrollToKey = function (key) {
  const el = document.querySelector('[data-testid="item-row"][data-key="' + CSS.escape(key) + '"]');
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const input = el.querySelector('input, select');
  if (input) input.focus({ preventScroll: true });
};

// The public report's place as a cascade (province → county → township): the three lists are rendered whole by the
// server (so the form works without script); here each list keeps only the children of what is chosen above it.
(function () {
  function init() {
    const form = document.querySelector('form[data-cascade]');
    if (!form || form.dataset.cascadeReady) return;
    form.dataset.cascadeReady = '1';
    const province = form.querySelector('#province');
    const county = form.querySelector('#county');
    const town = form.querySelector('#jurisdiction');
    const keep = (select, parent) => {
      for (const o of select.options) {
        if (!o.value) continue;
        const show = !!parent && o.dataset.parent === parent;
        o.hidden = !show;
        o.disabled = !show;
      }
      if (select.selectedOptions.length && select.selectedOptions[0].disabled) select.value = '';
    };
    province.addEventListener('change', () => { keep(county, province.value); county.value = ''; keep(town, ''); town.value = ''; });
    county.addEventListener('change', () => { keep(town, county.value); town.value = ''; });
    keep(county, province.value);
    keep(town, county.value);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', init);
})();

// Exports of any length: an .xlsx link is fetched here so the page can say that the file is being made and how much
// has arrived (a large ledger takes a while before its first byte), then saved under the server's file name. A refusal
// shows the server's Chinese reason instead of a download of an error page.
(function () {
  function box() {
    let el = document.getElementById('hp-download');
    if (!el) {
      el = document.createElement('div');
      el.id = 'hp-download';
      el.className = 'hp-download';
      el.setAttribute('role', 'status');
      el.setAttribute('data-testid', 'download-progress');
      document.body.appendChild(el);
    }
    return el;
  }
  function fileName(response, href) {
    const cd = response.headers.get('Content-Disposition') || '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    return plain ? plain[1] : href.split('/').pop().split('?')[0];
  }
  document.addEventListener('click', async (e) => {
    const a = e.target.closest && e.target.closest('a[href^="/api/"][href*=".xlsx"]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || !window.fetch || !window.ReadableStream) return;
    e.preventDefault();
    const el = box();
    el.className = 'hp-download';
    el.textContent = '正在生成导出文件，请稍候…';
    try {
      const response = await fetch(a.getAttribute('href'), { credentials: 'same-origin' });
      if (!response.ok) {
        let reason = '导出失败（' + response.status + '）';
        try { const p = await response.json(); if (p && p.title) reason = '导出失败：' + p.title; } catch (_) { }
        el.className = 'hp-download hp-download-error';
        el.textContent = reason;
        setTimeout(() => el.remove(), 8000);
        return;
      }
      const total = Number(response.headers.get('Content-Length')) || 0;
      const reader = response.body.getReader();
      const chunks = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        el.textContent = '正在下载导出文件：' + (received / 1048576).toFixed(1) + ' MB' + (total ? ' / ' + (total / 1048576).toFixed(1) + ' MB' : '');
      }
      const name = fileName(response, a.getAttribute('href'));
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('Content-Type') || 'application/octet-stream' }));
      const save = document.createElement('a');
      save.href = url;
      save.download = name;
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      el.textContent = '已导出：' + name;
      setTimeout(() => el.remove(), 4000);
    } catch (err) {
      el.className = 'hp-download hp-download-error';
      el.textContent = '导出中断，请检查网络后重试';
      setTimeout(() => el.remove(), 8000);
    }
  });
})();
