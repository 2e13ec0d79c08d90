// Demo only: reads ?preset=…&lang=… and embeds cookie-charter with those data attributes.
(function () {
  var params = new URLSearchParams(location.search);
  var preset = params.get('preset') || 'opendatasoft';
  var lang = params.get('lang') || 'fr';
  document.getElementById('preset').value = preset;
  document.getElementById('lang').value = lang;
  document.documentElement.lang = lang;
  if (lang === 'en') document.getElementById('charter-title').textContent = 'Cookie policy';
  var script = document.createElement('script');
  script.type = 'module';
  script.src = '/cookie-charter/cookie-charter.js';
  script.dataset.preset = preset;
  script.dataset.lang = lang;
  script.dataset.audienceSrc = '/stub-audience.js';
  script.dataset.policyUrl = '/charters.html?' + params.toString();
  // The demo's register keeps each built-in charter's receipts and banners shown under its
  // portal, and sets the choice cookie.
  script.dataset.registerUrl = '/register/v1/portals/' + (preset === 'opendatasoft' ? 'demo' : preset);
  script.dataset.serverCookie = '';
  document.head.appendChild(script);
})();
