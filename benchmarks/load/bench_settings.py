"""Production settings plus one hello-world view, the yardstick of the load benchmark."""

from woonafspraken.production_settings import *  # noqa: F403

ROOT_URLCONF = "load.bench_urls"
