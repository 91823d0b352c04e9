/* The inbox: messages, unread count, mark read. Routes and handlers. */
#ifndef REFERRALS_PAGES_INBOX_H
#define REFERRALS_PAGES_INBOX_H

#include "../http.h"

#define INBOX_ROUTES

#endif
