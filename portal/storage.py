"""Static files storage: whitenoise's compressed, hashed files, without rewriting source-map comments.

NHS.UK frontend's built CSS and JS end with `sourceMappingURL=…` comments naming .map files that
wagtail-nhsuk-frontend does not ship, and Django's manifest storage refuses to collect a file whose
reference it cannot find. Source maps are for developers; the comments are left as they are.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in str(p))) for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
