/* Inbox messages. */
#include "inbox.h"
