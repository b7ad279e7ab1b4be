"""Static files in production: WhiteNoise's compressed files with content hashes in the name."""

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        try:
            return str(super().hashed_name(name, content, filename))
        except ValueError:
            # The design-token package's CSS names example images it does not ship; such a
            # reference stays as written (a 404 for an image nobody uses) instead of stopping
            # the whole collection.
            return name
