/* Notes on referrals and clients, and files. */
#include "note.h"
