"""The engine behind ``site.py``: content loading, Markdown rendering and building.

Data flows one way: files on disk -> content objects (:mod:`sitegen.load`) ->
Flask routes and templates (``site.py``) -> Frozen-Flask (:mod:`sitegen.build`) -> ``build/``.
"""
