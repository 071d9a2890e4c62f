"""The OpenAPI document at /api/v1/openapi.json, generated from the routes and their schemas."""

from __future__ import annotations

from apispec import BasePlugin
from flask import Flask, current_app, json
from flask_smorest import Api

from web.api import bp
from web.api.schemas import Error


class RelativePaths(BasePlugin):
    """Paths as clients call them, relative to the API's address (the document's server),
    and each operation listing all of its parameters: a path item holds operations only."""

    def path_helper(self, path=None, operations=None, parameters=None, **_kwargs):
        for operation in (operations or {}).values():
            operation["parameters"] = [*(parameters or []), *operation.get("parameters", [])]
        if parameters:
            parameters.clear()
        return path.removeprefix(bp.url_prefix) if path else None


# The document, by blueprint, as the first app of this process built it. It depends on the
# routes and schemas alone, which every app shares, and building it was half the time it takes
# to create an app (every test creates one).
_documents: dict[str, dict] = {}


class ServiceApi(Api):
    """flask-smorest's Api with this service's error shape, and its error pages left alone:
    web/errors.py answers every error, in JSON under /api/ and as a page elsewhere. The
    document is built once per process."""

    ERROR_SCHEMA = Error
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self) -> None:
        pass

    def register_blueprint(self, blp, **options) -> None:
        name = options.get("name", blp.name)
        if name in _documents:
            # As flask-smorest registers it, less building the document again.
            self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
            self._app.register_blueprint(blp, **options)
        else:
            super().register_blueprint(blp, **options)
            _documents[name] = self.spec.to_dict()
        self._document = _documents[name]

    def _openapi_json(self):
        return current_app.response_class(json.dumps(self._document, indent=2, sort_keys=False),
                                          mimetype="application/json")


def init_app(app: Flask) -> None:
    app.config.update(
        API_TITLE="Casework",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = ServiceApi(app, spec_kwargs={
        "extra_plugins": [RelativePaths()],
        "servers": [{"url": bp.url_prefix}],
        "info": {"description": (
            "JSON under /api/v1 with `Authorization: Bearer <token>`. Errors are "
            '`{"error": {"code": "...", "message": "..."}}`.')}})
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    api.spec.options["security"] = [{"bearer": []}]
    api.register_blueprint(bp)
