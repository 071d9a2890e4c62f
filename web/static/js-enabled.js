// Run at the top of <body>, before the page is drawn, so GOV.UK components are styled for
// JavaScript from the start (a static file, since the Content-Security-Policy allows no
// inline script).
document.body.className += " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
