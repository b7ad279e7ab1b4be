"""Which static files are collected for production (see production_settings)."""

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """Collects only what a browser may load: the npm packages also ship design-token data,
    Sass and module builds (tens of megabytes) that no page uses."""

    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "*.json",
        "*.cjs",
        "*.mjs",
        "*.ts",
        "*.scss",
        "*.less",
        "*.gz",
        "dark",
        "ext",
        "*prince-xml.css",
        "background-image-icon.css",
        "htmx.js",
        "htmx.amd.js",
        "htmx.cjs.js",
        "htmx.esm.js",
        "font-family.js",
    ]
