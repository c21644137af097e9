// Renders the OpenAPI document with the bundled Swagger UI. No inline script, nothing from outside:
// the validator badge (an external service) is off, and "Try it out" is disabled.
// Covenant's overlay: each rendered operation says which consumers use it and which fields they read
// (data-usage, computed on the server from the consumers' latest pacts).
(function () {
  var element = document.getElementById('swagger-ui');
  if (!element || typeof SwaggerUIBundle !== 'function') {
    return;
  }
  var usage = {};
  try { usage = JSON.parse(element.getAttribute('data-usage') || '{}'); } catch (e) { usage = {}; }

  function decorate(summary) {
    if (summary.getAttribute('data-covenant') === 'done') {
      return;
    }
    var method = summary.querySelector('.opblock-summary-method');
    var path = summary.querySelector('.opblock-summary-path');
    if (!method || !path) {
      return;
    }
    summary.setAttribute('data-covenant', 'done');
    var name = method.textContent.trim().toUpperCase() + ' ' + (path.getAttribute('data-path') || path.textContent.trim());
    var consumers = usage[name] || [];
    var note = document.createElement('span');
    note.className = 'covenant-usage';
    note.textContent = consumers.length === 0 ? 'no consumer'
      : 'used by ' + consumers.map(function (c) {
          return c.consumer + (c.fields.length ? ' (reads ' + c.fields.join(', ') + ')' : '');
        }).join('; ');
    summary.appendChild(note);
  }

  function decorateAll() {
    var summaries = element.querySelectorAll('.opblock-summary');
    for (var i = 0; i < summaries.length; i++) {
      decorate(summaries[i]);
    }
  }

  new MutationObserver(decorateAll).observe(element, { childList: true, subtree: true });
  SwaggerUIBundle({
    url: element.getAttribute('data-spec-url'),
    domNode: element,
    deepLinking: false,
    validatorUrl: null,
    supportedSubmitMethods: [],
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0
  });
})();
