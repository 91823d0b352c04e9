/* Referral notes, client notes and files. Routes and handlers. */
#ifndef REFERRALS_PAGES_NOTES_H
#define REFERRALS_PAGES_NOTES_H

#include "../http.h"

#define NOTE_ROUTES

#endif
