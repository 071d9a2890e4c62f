"""The Flask app: pages for investigators and reviewers, and the JSON API."""

from __future__ import annotations

from flask import Flask

from casework.config import Settings, load_settings
from casework.doc_types import doc_type_label
from casework.documents import pounds, uk_date
from storage.runtime import open_storage
from web import (
    api,
    auth,
    cases,
    decisions,
    errors,
    evidence,
    findings,
    publication,
    reading,
    recommendations,
)
from web.extensions import csrf, login_manager
from web.ids import RecordIdConverter
from web.runtime import close_db
from worker.celery_app import celery_init_app


def create_app(settings: Settings | None = None, test_config: dict | None = None) -> Flask:
    """Build the app from `settings` (default: the CASEWORK_* environment)."""
    settings = settings or load_settings()
    app = Flask(__name__)
    app.url_map.converters["int"] = RecordIdConverter
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # Werkzeug answers 413 on its own once a request body passes this.
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
    )
    app.config.from_mapping(test_config or {})
    app.extensions["casework.settings"] = settings
    app.extensions["casework.storage"] = open_storage(
        settings.database_url, settings.s3, settings.objects_dir
    )

    csrf.init_app(app)
    login_manager.init_app(app)
    celery_init_app(app, settings)
    app.teardown_appcontext(close_db)
    errors.init_app(app)

    app.register_blueprint(auth.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(evidence.bp)
    app.register_blueprint(findings.bp)
    app.register_blueprint(recommendations.bp)
    app.register_blueprint(decisions.bp)
    app.register_blueprint(publication.bp)
    app.register_blueprint(reading.bp)
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)
    app.add_url_rule("/", endpoint="index", view_func=cases.index)
    app.add_template_filter(uk_date, "uk_date")
    app.add_template_filter(pounds, "pounds")
    app.add_template_filter(doc_type_label, "doc_type_label")
    app.context_processor(auth.template_permissions)
    return app
