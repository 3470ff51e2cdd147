"""Use cases: units, directives (import, publish), search, registration, reports, stats, export."""
