/* Renew consent: the sending organisation records a client's consent again once the consent
 * of a referral's group has expired (PRODUCT.md "Consent"). Routed in CLIENT_ROUTES
 * (clients.h). */
#ifndef REFERRALS_PAGES_REFERRAL_CONSENT_H
#define REFERRALS_PAGES_REFERRAL_CONSENT_H

#include "../http.h"

void page_referral_consent(struct request *req);      /* GET /referrals/N/consent */
void page_referral_consent_post(struct request *req); /* POST /referrals/N/consent */

#endif
