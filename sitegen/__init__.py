"""Site generator: turns site_data/ into the knowledge-base pages and the checker's reference bundle.

Its logic is callable without MkDocs (so a later switch of site engine stays cheap); `sitegen.plugin` is the thin
MkDocs adapter.
"""
