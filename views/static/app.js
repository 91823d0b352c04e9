// Referrals: start the GOV.UK Frontend components. Loaded as a module from
// every page (no inline script: the Content-Security-Policy forbids it).
// A browser that runs this module supports what govuk-frontend needs, so
// this is also where the page says so with govuk-frontend-supported.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
