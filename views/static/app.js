// Referrals: start the GOV.UK Frontend components. Loaded as a module from
// every page (no inline script: the Content-Security-Policy forbids it).
// A browser that runs this module supports what govuk-frontend needs, so
// this is also where the page says so with govuk-frontend-supported.
//
// govuk-frontend is imported with this module's own query string (the
// layout's ?v=<asset version>), so a new release never runs the new app.js
// with a long-cached old copy of it.
const { initAll } = await import(`./govuk-frontend.min.js${new URL(import.meta.url).search}`)

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
