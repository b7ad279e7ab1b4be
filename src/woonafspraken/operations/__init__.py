"""Running the application: safe start-up, request ids, error pages, backups, housekeeping.

Nothing here knows about agreements or cycles; other apps do not import from here except
through settings (middleware, logging filter, error handlers).
"""
