"""WSGI entry point for a production server (gunicorn: ``woonafspraken.wsgi:application``).

Production settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise; refuses to start with
the public development key outside debug mode.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.production_settings")
application = get_wsgi_application()

from woonafspraken.operations.safety import refuse_unsafe_start  # noqa: E402

refuse_unsafe_start()
