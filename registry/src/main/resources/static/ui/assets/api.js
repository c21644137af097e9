// Renders the OpenAPI document with the bundled Swagger UI. No inline script, nothing from outside:
// the validator badge (an external service) is off, and "Try it out" is disabled.
(function () {
  var element = document.getElementById('swagger-ui');
  if (!element || typeof SwaggerUIBundle !== 'function') {
    return;
  }
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
