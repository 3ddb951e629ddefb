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
