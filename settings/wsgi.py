"""WSGI entry point; gunicorn serves ``settings.wsgi``.

Page-cache hits for anonymous readers are answered by
``core.pagecache.PageCacheApplication`` before Django's handler runs;
everything else goes to Django as usual.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

django_application = get_wsgi_application()

from core.pagecache import PageCacheApplication  # noqa: E402 - needs Django set up

application = PageCacheApplication(django_application)
