// Start the GOV.UK components on the page, and on every fragment htmx swaps in.
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();
document.body.addEventListener("htmx:load", function (event) {
  if (event.detail.elt !== document.body) {
    initAll({ scope: event.detail.elt });
  }
});
