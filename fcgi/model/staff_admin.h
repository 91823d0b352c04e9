/* Staff as administrators see them: memberships with sources, deactivation. */
