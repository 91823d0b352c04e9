/* Referral notes, client notes and files. */
#include "notes.h"
