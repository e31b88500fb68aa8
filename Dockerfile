# syntax=docker/dockerfile:1
# Multi-stage build: dependencies are built once, the runtime image runs as a
# non-root user with static files collected at build time.

FROM python:3.13-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install .
COPY . .
# collectstatic and compilemessages need settings but no database or secrets.
RUN DJANGO_SETTINGS_MODULE=settings.production SECRET_KEY=build-only ALLOW_SQLITE=true \
    /venv/bin/python manage.py collectstatic --noinput \
 && DJANGO_SETTINGS_MODULE=settings.production SECRET_KEY=build-only ALLOW_SQLITE=true \
    /venv/bin/python manage.py compilemessages --ignore=.venv -v 0

FROM python:3.13-slim AS runtime
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH="/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=settings.production PORT=8000 WEB_CONCURRENCY=3 GUNICORN_THREADS=4 \
    MEDIA_ROOT=/data/media
RUN useradd --create-home --uid 10001 app && mkdir -p /data/media && chown -R app /data
COPY --from=build /venv /venv
COPY --from=build --chown=app /app /app
WORKDIR /app
USER app
EXPOSE 8000
# Migrations are a release step (see README), never part of CMD.
# gthread: keep-alive from the proxy and database waits overlapped (see README, Performance).
CMD ["sh", "-c", "gunicorn settings.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY} --worker-class gthread --threads ${GUNICORN_THREADS} --access-logfile - --forwarded-allow-ips='*'"]
