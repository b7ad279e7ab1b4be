"""Uploaded files read in the background: one job per upload, for every Excel or CSV import.

The request runs the upload gate (:mod:`woonafspraken.uploads`) and stores the file as a job
(:func:`.services.start`); a task reads it with a time limit and keeps either a preview or every
error as rows of the job; the job page shows its progress, then the preview, and the owner
confirms. What a file means is up to the app that registered its kind (:mod:`.registry`).
"""
