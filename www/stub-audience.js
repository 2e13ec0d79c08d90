// A stand-in for an audience-measurement script (Matomo, Google Analytics…), for the demo and
// the tests: it counts its runs, sets the kind of cookies such scripts set, and shows a badge.
(function () {
  window.__audienceRuns = (window.__audienceRuns || 0) + 1;
  if (window.__audienceAt === undefined) window.__audienceAt = performance.now();
  var year = 60 * 60 * 24 * 395;
  document.cookie = '_pk_id.1.d3m0=' + Math.random().toString(16).slice(2) + '; Path=/; Max-Age=' + year + '; SameSite=Lax';
  document.cookie = '_pk_ses.1.d3m0=1; Path=/; Max-Age=1800; SameSite=Lax';
  document.cookie = '_ga=GA1.1.' + Date.now() + '; Path=/; Max-Age=' + year + '; SameSite=Lax';
  document.cookie = '_ga_D3M0=GS1.1.' + Date.now() + '; Path=/; Max-Age=' + year + '; SameSite=Lax';
  var badge = document.createElement('div');
  badge.id = 'audience-badge';
  badge.className = 'audience-badge';
  badge.setAttribute('role', 'status');
  badge.textContent = "Mesure d'audience active (script de démonstration)";
  // Loaded early (a tag in <head>), it may run before the body exists.
  var show = function () { document.body.appendChild(badge); };
  if (document.body) show(); else document.addEventListener('DOMContentLoaded', show);
})();
