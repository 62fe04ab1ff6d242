// Loaded as an ES module (script type="module"), so browsers without module support skip it entirely.
// Starts the NHS.UK frontend components on the page: header menu, skip link, buttons, error summary, etc.
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();
