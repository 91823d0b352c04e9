/* The Sent and Received lists, and the dashboard. */
#include "lists.h"
