"""Importing last year's agreements from a Word or PDF file into a cycle in preparation.

Upload (checked before anything is stored) → read in the background (:mod:`.tasks`) into
proposed items → a person reviews every item beside its source text → only the accepted items
are created through the agreements services (:mod:`.services`).
"""
