"""``htctl serve``: a gallery, bot pages with a playground, and a JSON API over a store.

``job.serve.app.create_app`` builds the ASGI app (FastAPI, served by uvicorn); models are warm
in ``job.serve.models.ModelCache``, adapter bots on one shared copy of each base; bots are read
through ``job.catalog``.
"""
