// Render the portal's OpenAPI document with the vendored Swagger UI (no CDN).
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  if (!container || !window.SwaggerUIBundle) {
    return;
  }
  window.SwaggerUIBundle({
    url: container.getAttribute("data-openapi-url"),
    domNode: container,
    deepLinking: true,
    supportedSubmitMethods: ["get", "head"],
    defaultModelsExpandDepth: 0
  });
  var fallback = document.getElementById("endpoint-list");
  if (fallback) {
    fallback.hidden = true;
  }
})();
