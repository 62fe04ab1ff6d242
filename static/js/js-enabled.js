// Runs first in <body>. NHS.UK frontend 10 styles its JavaScript components only when the body says JavaScript
// is running ("js-enabled") and initialises them only in browsers that support ES modules
// ("nhsuk-frontend-supported"). Without JavaScript every page still works: nothing here is required.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("nhsuk-frontend-supported");
}
