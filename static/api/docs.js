// Swagger UI over the portal's OpenAPI document (api/docs.html); read-only, so only
// GET requests may be tried out.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") return;
  SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // Without deep links: a link inside each operation's summary button is a nested control.
    deepLinking: false,
    supportedSubmitMethods: ["get"],
  });
});
