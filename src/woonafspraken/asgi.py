"""ASGI entry point (e.g. ``uvicorn woonafspraken.asgi:application``); same rules as wsgi.py."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.production_settings")
application = get_asgi_application()

from woonafspraken.operations.safety import refuse_unsafe_start  # noqa: E402

refuse_unsafe_start()
