/* The application's pages: method, path (below the base path), the role needed, handler. */
#include "pages/pages.h"
#include "route.h"

const struct route app_routes[] = {
	{HTTP_GET, "/", ROLE_STAFF, page_home, false},
	{HTTP_GET, "/signin", ROLE_PUBLIC, page_signin_form, false},
	{HTTP_POST, "/signin", ROLE_PUBLIC, page_signin, false},
	{HTTP_POST, "/signout", ROLE_SIGNED_IN, page_signout, false},
	{HTTP_POST, "/organisation", ROLE_SIGNED_IN, page_switch_organisation, false},
	{HTTP_GET, "/health", ROLE_ANYONE, page_health, false},
	{HTTP_GET, "/ping", ROLE_ANYONE, page_ping, false},
	{HTTP_GET, "/_test/status/([0-9]{3})", ROLE_ANYONE, page_test_status, true},
	{HTTP_GET, "/_test/sleep/([0-9]{1,4})", ROLE_ANYONE, page_test_sleep, true},
};

const size_t app_route_count = sizeof app_routes / sizeof app_routes[0];
