"""The Flask app: pages for investigators and reviewers, and the JSON API."""

from __future__ import annotations

from flask import Flask

from casework.formats import pounds, uk_date
from storage.objects import REQUEST_PATIENCE
from web import (
    access,
    admin,
    api,
    auth,
    cases,
    chronology_events,
    comments,
    compliance,
    decisions,
    deliveries,
    errors,
    evidence,
    evidence_list,
    findings,
    history,
    home,
    insight,
    page_images,
    portal,
    publication,
    published,
    reading,
    recommendations,
    review_queue,
    search,
    security_headers,
    static_assets,
    themes,
    workspace,
)
from web.api import spec as api_spec
from web.extensions import csrf, login_manager
from web.helper_notices import helper_notices
from web.ids import RecordIdConverter
from web.runtime import close_db
from wiring import Settings, load_settings, make_celery, storage_for


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
    # Someone is waiting for each answer: a store that does not answer is said at once.
    app.extensions["casework.storage"] = storage_for(settings, REQUEST_PATIENCE)
    # The web process only sends tasks, by name: it never loads the worker's code.
    app.extensions["casework.celery"] = make_celery(settings)

    csrf.init_app(app)
    login_manager.init_app(app)
    app.teardown_appcontext(close_db)
    errors.init_app(app)
    security_headers.init_app(app)
    static_assets.init_app(app)

    app.register_blueprint(auth.bp)
    # After auth's own check, so an expired session is sent to sign in before any record
    # it names is looked up.
    app.before_request(access.check_page_request)
    app.register_blueprint(cases.bp)
    app.register_blueprint(evidence.bp)
    app.register_blueprint(evidence_list.bp)
    app.register_blueprint(review_queue.bp)
    app.register_blueprint(page_images.bp)
    app.register_blueprint(workspace.bp)
    app.register_blueprint(findings.bp)
    app.register_blueprint(themes.bp)
    app.register_blueprint(recommendations.bp)
    app.register_blueprint(decisions.bp)
    app.register_blueprint(comments.bp)
    app.register_blueprint(deliveries.bp)
    app.register_blueprint(publication.bp)
    app.register_blueprint(published.bp)
    app.register_blueprint(reading.bp)
    app.register_blueprint(chronology_events.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(history.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(compliance.bp)
    app.register_blueprint(insight.bp)
    app.register_blueprint(portal.bp)
    app.register_blueprint(home.bp)
    # The API's blueprint is registered by its spec, which documents it.
    api_spec.init_app(app)
    csrf.exempt(api.bp)
    app.add_url_rule("/", endpoint="index", view_func=home.show)
    app.add_template_filter(uk_date, "uk_date")
    app.add_template_filter(pounds, "pounds")
    app.context_processor(auth.template_permissions)
    app.context_processor(helper_notices)
    return app
