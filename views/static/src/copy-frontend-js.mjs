// Copies govuk-frontend's JavaScript bundle next to app.js (which imports it),
// without its source-map comment: the map is not shipped.
// Run by `npm run build` from the repository root.
import { readFileSync, writeFileSync } from 'node:fs'

const from = 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'
const to = 'views/static/govuk-frontend.min.js'

const source = readFileSync(from, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
writeFileSync(to, source)
