/* Bank holidays: the days working-day arithmetic skips. Routes in ADMIN_SETTINGS_ROUTES
 * (admin_settings.h). */
#ifndef REFERRALS_PAGES_ADMIN_BANK_HOLIDAYS_H
#define REFERRALS_PAGES_ADMIN_BANK_HOLIDAYS_H

#include "../http.h"

void page_bank_holidays(struct request *req);
void page_bank_holiday_add(struct request *req);
void page_bank_holiday_remove(struct request *req);
void page_bank_holiday_import_form(struct request *req);
void page_bank_holiday_import(struct request *req);

#endif
