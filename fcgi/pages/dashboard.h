/* The dashboard on the home page: counts of the organisation's referrals (each a link to the
 * list it counts), the last 30 days as charts, the latest inbox messages. */
#ifndef REFERRALS_PAGES_DASHBOARD_H
#define REFERRALS_PAGES_DASHBOARD_H

#include "../http.h"

/* Fills Dashboard.* for pages/dashboard.cs (its data contract is atop it); nothing when the
 * user has no active organisation or the database fails (the home page still shows). */
void page_dashboard_data(struct request *req);

#endif
