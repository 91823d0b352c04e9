/* The inbox: messages, unread count, mark read. */
#include "inbox.h"
